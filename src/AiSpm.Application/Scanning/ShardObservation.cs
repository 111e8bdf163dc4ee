using AiSpm.Core.Assets;
using AiSpm.Core.Findings;
using AiSpm.Core.Graph;

namespace AiSpm.Application.Scanning;

/// <summary>What a shard's collection and evaluation leave for recording; the inventories themselves are not kept.</summary>
/// <param name="Observed">The failures, as findings.</param>
/// <param name="Undecided">The ids of the checks that could not decide (Unknown or Error).</param>
/// <param name="Failed">The collection failed: nothing is resolved, and the close lists the tables.</param>
/// <param name="Refused">A Power Platform environment (or the list) refused AiSpm: a coverage note, nothing resolved.</param>
/// <param name="Stored">The assets to record.</param>
/// <param name="Edges">The edges to record (none without an edge store).</param>
/// <param name="Now">When the shard evaluated.</param>
internal sealed record ShardObservation(List<Finding> Observed, HashSet<string> Undecided, bool Failed, bool Refused, List<Asset> Stored, List<GraphEdge> Edges, DateTimeOffset Now);
