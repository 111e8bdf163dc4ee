namespace AiSpm.Core.Graph;

/// <summary>
/// Marks the part of a run's access shard (<see cref="Scans.ScanShardKind.AzureAccess"/>): its edges are the role
/// assignments and alerts Resource Graph answered for the scan, already refreshed in the store, so the close neither
/// queries nor writes them again.
/// </summary>
/// <param name="RolesComplete">
/// Every role assignment was read. When not, the stored ones stand in beside those read, and the close keeps the
/// identities it knows (it cannot tell which are gone).
/// </param>
public sealed record ShardGraphAccess(bool RolesComplete);
