namespace AiSpm.Connectors.Persistence;

/// <summary>The queues AiSpm uses (see docs/storage.md).</summary>
/// <param name="Prefix">Lower-case letters and digits put before every queue name; empty by default.</param>
public sealed record AiSpmQueues(string Prefix = "")
{
    /// <summary>The queue Event Grid delivers ARM resource events to (storage-queue event handler); ResourceChanged reads it.</summary>
    public const string ResourceEventsName = "aispm-resource-events";

    /// <summary>The queue Event Grid delivers AiSpm's Key Vault events to; SecretNearExpiry reads it.</summary>
    public const string VaultEventsName = "aispm-vault-events";

    /// <summary>ARM resource events from Event Grid.</summary>
    public string ResourceEvents => Prefix.ToLowerInvariant() + ResourceEventsName;

    /// <summary>Key Vault events from Event Grid.</summary>
    public string VaultEvents => Prefix.ToLowerInvariant() + VaultEventsName;

    /// <summary>All of them.</summary>
    public IReadOnlyList<string> All => [ResourceEvents, VaultEvents];
}
