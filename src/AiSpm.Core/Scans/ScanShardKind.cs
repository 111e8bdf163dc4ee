namespace AiSpm.Core.Scans;

/// <summary>What a scan shard covers.</summary>
public enum ScanShardKind
{
    /// <summary>Every AI resource of a batch of subscriptions (one Resource Graph query per batch).</summary>
    AzureSubscriptions,

    /// <summary>One AI resource and its children, read from ARM (a targeted re-scan after a change event).</summary>
    AzureResource,

    /// <summary>The Entra directory and Microsoft 365 Copilot settings, read from Microsoft Graph.</summary>
    Directory,

    /// <summary>
    /// The Copilot Studio agents of one Power Platform environment (its id in <see cref="ScanShard.ResourceId"/>), read
    /// from Dataverse; <see cref="ScanPlanner.AnyEnvironment"/> when the plan could not list the environments.
    /// </summary>
    PowerPlatformEnvironment,

    /// <summary>
    /// Who can reach what in Azure, once per full scan: the role assignments and the active Defender for Cloud AI alerts
    /// of every subscription of the plan (<see cref="ScanShard.Subscriptions"/>), read from Resource Graph and refreshed
    /// in the store, handed to the run's close for its attack paths.
    /// </summary>
    AzureAccess,
}
