using AiSpm.Connectors.Collection;
using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Rules;

namespace AiSpm.Application.Scanning;

/// <summary>What one scan saw: inventory, every rule result, the findings (failures), coverage gaps and API calls.</summary>
public sealed record ScanReport(
    string ScanId,
    DateTimeOffset EvaluatedAt,
    IReadOnlyList<string> Subscriptions,
    AiInventory Inventory,
    IReadOnlyList<RuleResult> Results,
    IReadOnlyList<CollectionError> Errors,
    IReadOnlyDictionary<string, int> Calls,
    TimeSpan Elapsed)
{
    /// <summary>How long the attack-path stage took: reading role assignments and alerts, building the graph, the path rules.</summary>
    public TimeSpan GraphElapsed { get; init; }

    /// <summary>The policy the rules ran under, or null (every rule as shipped).</summary>
    public Core.Policy.ScanPolicy? Policy { get; init; }

    private IReadOnlyList<Finding>? _findings;

    /// <summary>The failures as findings (given by the scanner when it already made them, else made from the results once).</summary>
    public IReadOnlyList<Finding> Findings
    {
        get => _findings ??= Results.Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.ToFinding()).ToList();
        init => _findings = value;
    }

    /// <summary>The findings to act on: the failures outside every policy exemption.</summary>
    public IEnumerable<Finding> OpenFindings => Findings.Where(f => f.Exemption is null);

    /// <summary>Results whose data was missing.</summary>
    public int Unknown => Results.Count(r => r.Outcome == RuleOutcome.Unknown);
}
