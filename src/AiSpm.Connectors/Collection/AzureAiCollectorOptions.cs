namespace AiSpm.Connectors.Collection;

/// <summary>Limits of the Azure AI collector.</summary>
public sealed class AzureAiCollectorOptions
{
    /// <summary>Subscriptions per Resource Graph query (Microsoft recommends fewer than 300).</summary>
    public int SubscriptionsPerQuery { get; set; } = 300;

    /// <summary>Per-resource ARM reads in flight at once.</summary>
    public int MaxParallelArmReads { get; set; } = 16;

    /// <summary>Most per-resource ARM reads one collection may spend; past it, details are left unknown and reported.</summary>
    public int MaxArmReads { get; set; } = 50_000;

    /// <summary>Read diagnostic settings (one ARM call per top-level AI resource).</summary>
    public bool CollectDiagnosticSettings { get; set; } = true;

    /// <summary>Read each AI Search service's data sources and indexers from its data plane (two lists per service).</summary>
    public bool CollectSearchDataPlane { get; set; } = true;

    /// <summary>Per search service, at most this many single data-source reads for connection strings its list left out.</summary>
    public int MaxSearchConnectionStringReads { get; set; } = 50;

    /// <summary>The opt-in sample of the blob containers that feed AI (<c>AISPM_DATA_SAMPLING=On</c>); null (the default) reads no blob.</summary>
    public GroundingContainerSampler? Sampler { get; set; }

    /// <summary>The clock that stamps when a location's Models API list was read; the system clock when null.</summary>
    public TimeProvider? Time { get; set; }

    /// <summary>These options (or the defaults) with <see cref="Time"/> set to <paramref name="time"/> where it is not set.</summary>
    public static AzureAiCollectorOptions WithClock(AzureAiCollectorOptions? options, TimeProvider time) => new()
    {
        SubscriptionsPerQuery = options?.SubscriptionsPerQuery ?? 300,
        MaxParallelArmReads = options?.MaxParallelArmReads ?? 16,
        MaxArmReads = options?.MaxArmReads ?? 50_000,
        CollectDiagnosticSettings = options?.CollectDiagnosticSettings ?? true,
        CollectSearchDataPlane = options?.CollectSearchDataPlane ?? true,
        MaxSearchConnectionStringReads = options?.MaxSearchConnectionStringReads ?? 50,
        Sampler = options?.Sampler,
        Time = options?.Time ?? time,
    };
}
