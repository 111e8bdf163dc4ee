namespace AiSpm.Workflows.Models;

/// <summary>The input of a resource scan instance, carried across its passes.</summary>
/// <param name="Request">The change this pass answers.</param>
/// <param name="Passes">Passes made so far, this one included.</param>
/// <param name="Retry">How the shard is retried; null for the default.</param>
/// <param name="Linger">How long a finished pass waits for a late change; null for the default.</param>
public sealed record ResourceScanState(ResourceScanRequest Request, int Passes = 1, ShardRetry? Retry = null, TimeSpan? Linger = null);
