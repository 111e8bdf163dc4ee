using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Inventory.Credentials;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules;

/// <summary>Everything rules evaluate in one pass: the inventories a scan shard collected, and the evaluation time.</summary>
public sealed record PostureSnapshot
{
    /// <summary>The Azure AI resources.</summary>
    public AiInventory Azure { get; init; } = AiInventory.Empty;

    /// <summary>The Entra ID and Microsoft 365 directory: apps, grants, consent policies, Copilot.</summary>
    public DirectoryInventory Directory { get; init; } = DirectoryInventory.Empty;

    /// <summary>Credentials found in plain text in app settings, container apps and deployment history.</summary>
    public CredentialInventory Credentials { get; init; } = CredentialInventory.Empty;

    /// <summary>Power Platform environments and their Copilot Studio agents.</summary>
    public Inventory.CopilotStudio.CopilotStudioInventory CopilotStudio { get; init; } = Inventory.CopilotStudio.CopilotStudioInventory.Empty;

    /// <summary>The installation's graph of assets, edges and open findings: set only when path rules (AISPM-4xxx) run, after a scan's shards.</summary>
    public Graph.SecurityGraph? Graph { get; init; }

    /// <summary>The policy the rules run under: its settings (thresholds) and known bots are read by the rules.</summary>
    public Policy.ScanPolicy Policy { get; init; } = Core.Policy.ScanPolicy.Default;

    /// <summary>The instant time-dependent rules compare against (expiry, age).</summary>
    public required DateTimeOffset EvaluatedAt { get; init; }
}
