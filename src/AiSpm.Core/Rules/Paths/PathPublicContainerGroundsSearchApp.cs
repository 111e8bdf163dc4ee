using AiSpm.Core.Findings;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.Paths;

/// <summary>
/// A blob container anyone on the internet can read is indexed by an AI Search indexer into an index that an app
/// calls: the data the app answers from is public, and whoever learns what it indexes learns what the app will say.
/// </summary>
public sealed class PathPublicContainerGroundsSearchApp : PathRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-4009",
        Name = "Path.PublicContainerGroundsSearchApp",
        Title = "No publicly readable container is indexed into an AI Search index an app answers from",
        Severity = Severity.High,
        Category = RuleCategory.AttackPath,
        ResourceTypes = ["microsoft.web/sites", "microsoft.app/containerapps"],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "MEASURE 2.7", "MAP 4.1"],
            Iso42001 = ["A.7.2", "A.7.5"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM04:2025", "LLM08:2025", "LLM02:2025"],
            MitreAtlas = ["AML.T0020", "AML.T0025"],
        },
    };

    /// <summary>The per-resource rule whose open finding makes a container public.</summary>
    public static readonly string[] PublicContainer = ["AISPM-1508"];

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> MemberRules { get; } = [.. PublicContainer];

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Relations { get; } = [EdgeRelations.CallsEndpoint, EdgeRelations.ConsumesKeyOf, EdgeRelations.Contains, EdgeRelations.GroundedOn];

    /// <inheritdoc />
    protected override IEnumerable<RuleResult> Evaluate(SecurityGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var accounts = graph.Nodes.Where(n => string.Equals(n.Type, AiResourceTypes.StorageAccount, StringComparison.OrdinalIgnoreCase))
            .GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().ResourceId, StringComparer.OrdinalIgnoreCase);
        foreach (var reads in graph.Edges.Where(e => e.Relation == EdgeRelations.GroundedOn && e.From.Contains("/indexers/", StringComparison.OrdinalIgnoreCase)
                     && e.From.Contains("/Microsoft.Search/searchServices/", StringComparison.OrdinalIgnoreCase)))
        {
            var service = reads.From[..reads.From.LastIndexOf("/indexers/", StringComparison.OrdinalIgnoreCase)];
            foreach (var source in graph.Out(reads.To, EdgeRelations.GroundedOn).Where(s => s.Label is { Length: > 0 }))
            {
                var accountId = GroundingLink.StorageAccountNameOf(source.To) is { } name && accounts.TryGetValue(name, out var id) ? id : null;
                var containerId = accountId is null ? $"{source.To.TrimEnd('/')}/{source.Label}" : $"{accountId}/blobServices/default/containers/{source.Label}";
                var container = new PathHop(containerId, null, [.. graph.Findings(containerId, PublicContainer)], $"container {source.Label}");
                var dataSource = new PathHop(reads.To, source, [], $"data source {NameOf(reads.To)}");
                var indexer = new PathHop(reads.From, reads, [], $"indexer {NameOf(reads.From)} → index {reads.Label ?? "?"}");
                var searchService = new PathHop(service, graph.In(reads.From, EdgeRelations.Contains).FirstOrDefault(), [], graph.Node(service)?.Name);
                PathHop[] chain = [container, dataSource, indexer, searchService];
                if (graph.Node(containerId) is null)
                {
                    yield return Undecided(service, $"Container '{source.Label}' that indexer '{NameOf(reads.From)}' reads was not collected, so whether it is public is not known.", chain);
                    continue;
                }

                if (container.Findings.Count == 0)
                {
                    yield return NoPath(service, $"Container '{source.Label}' that indexer '{NameOf(reads.From)}' reads is not readable anonymously.", chain);
                    continue;
                }

                var callers = graph.In(service, EdgeRelations.CallsEndpoint).Concat(graph.In(service, EdgeRelations.ConsumesKeyOf))
                    .GroupBy(e => e.From, StringComparer.OrdinalIgnoreCase).Select(g => g.First()).ToList();
                if (callers.Count == 0)
                {
                    yield return NoPath(service, $"No app AiSpm collected calls search service '{NameOf(service)}', whose index '{reads.Label}' is filled from public container '{source.Label}'.", chain);
                    continue;
                }

                foreach (var caller in callers)
                {
                    yield return Path(caller.From, [.. chain, new PathHop(caller.From, caller, [], graph.Node(caller.From)?.Name)], crossesToData: false,
                        $"'{NameOf(caller.From)}' answers from index '{reads.Label}' of '{NameOf(service)}', which indexer '{NameOf(reads.From)}' fills from container '{source.Label}' that anyone on the internet can read: the app's grounding data is public, and what it will say can be studied and targeted.");
                }
            }
        }
    }
}
