namespace AiSpm.Core.Inventory.Credentials;

/// <summary>The result of scanning credential sources: every exposure, and which sources were scanned at all.</summary>
/// <param name="Exposures">Credentials found in plain text.</param>
/// <param name="ScannedSources">Resource ids whose settings were read and scanned (a source not here is unknown, not clean).</param>
/// <param name="VaultSecrets">Key Vault secrets read (metadata only), or empty when no vault was read.</param>
/// <param name="EndpointReferences">Settings that name an AI endpoint (who calls which AI), or empty.</param>
public sealed record CredentialInventory(IReadOnlyList<CredentialExposure> Exposures, IReadOnlyList<string> ScannedSources, IReadOnlyList<VaultSecret>? VaultSecrets = null, IReadOnlyList<EndpointReference>? EndpointReferences = null)
{
    /// <summary>Nothing scanned.</summary>
    public static CredentialInventory Empty { get; } = new([], []);

    /// <summary>Key Vault secrets read.</summary>
    public IReadOnlyList<VaultSecret> Secrets => VaultSecrets ?? [];

    /// <summary>Settings that name an AI endpoint.</summary>
    public IReadOnlyList<EndpointReference> Endpoints => EndpointReferences ?? [];
}
