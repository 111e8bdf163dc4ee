using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.Access;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Inventory.Threats;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Rules.DemoTenant;

/// <summary>
/// The demo tenant's other ARM answers read by the domain — Resource Graph's role assignments and Defender alerts,
/// and the Models API lists — with each property of their rows (top level and under <c>properties</c> or
/// <c>model</c>) removed in turn: rows that lack what is read are skipped as malformed, a model list without what the
/// lifecycle rules read leaves them Unknown, and the whole catalogue with the attack paths still runs without an error.
/// </summary>
public sealed class ArmTablePropertyRemovalTests
{
    private static string Arm => Path.Combine(RuleFixtures.RepositoryRoot(), "fixtures", "demo-tenant", "arm");

    public static TheoryData<string> Files() => new() { "authorizationresources.json", "securityresources.json", "models.json" };

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_property_removed_in_turn_leaves_a_scan_that_completes(string file)
    {
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(Arm, file)))!.AsObject();
        var nested = file == "models.json" ? "model" : "properties";
        var rows = Rows(original).ToList();
        var names = rows.SelectMany(r => r.Select(p => p.Key)).Distinct(StringComparer.Ordinal).Select(n => (Top: n, Inner: (string?)null))
            .Concat(rows.Select(r => r[nested]).OfType<JsonObject>().SelectMany(p => p.Select(x => x.Key)).Distinct(StringComparer.Ordinal).Select(n => (Top: nested, Inner: (string?)n)))
            .ToList();
        Assert.True(names.Count > 3);

        var failures = new List<string>();
        foreach (var (top, inner) in names)
        {
            var changed = original.DeepClone().AsObject();
            foreach (var row in Rows(changed))
            {
                if (inner is null)
                {
                    row.Remove(top);
                }
                else
                {
                    (row[top] as JsonObject)?.Remove(inner);
                }
            }

            try
            {
                var problems = Scan(file, JsonSerializer.SerializeToElement(changed));
                if (problems.Count > 0)
                {
                    failures.Add($"without {top}{(inner is null ? string.Empty : "." + inner)}: {string.Join("; ", problems.Take(3))}");
                }
            }
            catch (Exception ex)
            {
                failures.Add($"without {top}{(inner is null ? string.Empty : "." + inner)}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{file}: {failures.Count} of {names.Count} variants failed:\n{string.Join('\n', failures)}");
    }

    private static IEnumerable<JsonObject> Rows(JsonObject document) => document["value"] is JsonArray values
        ? values.OfType<JsonObject>()
        : document.Select(p => p.Value).OfType<JsonArray>().SelectMany(a => a.OfType<JsonObject>());

    private static List<string> Scan(string file, JsonElement changed)
    {
        var resources = Path.Combine(Arm, "resources");
        var builder = new AiInventoryBuilder();
        foreach (var path in Directory.GetFiles(resources, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            builder.AddDocument(document.RootElement, Path.GetFileName(path));
        }

        using var models = JsonDocument.Parse(File.ReadAllText(Path.Combine(Arm, "models.json")));
        var lists = file == "models.json" ? changed : models.RootElement;
        foreach (var location in lists.EnumerateObject())
        {
            builder.Models.LocationRead(location.Name, RuleFixtures.EvaluatedAt).AddList(location.Name, location.Value);
        }

        var azure = builder.Build();
        var snapshot = new PostureSnapshot { Azure = azure, Directory = DemoTenantGraph.Load(), EvaluatedAt = RuleFixtures.EvaluatedAt };
        var selection = new RoleAssignmentSelection(
            azure.Resources.SelectMany(r => r.IdentityPrincipalIds).ToHashSet(StringComparer.OrdinalIgnoreCase),
            azure.Resources.Select(r => ArmId.TopLevelOf(r.Id)).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase));
        var edges = new List<GraphEdge>();
        using var roles = JsonDocument.Parse(File.ReadAllText(Path.Combine(Arm, "authorizationresources.json")));
        using var alerts = JsonDocument.Parse(File.ReadAllText(Path.Combine(Arm, "securityresources.json")));
        foreach (var row in (file == "authorizationresources.json" ? changed : roles.RootElement).GetProperty("value").EnumerateArray())
        {
            if (RoleAssignmentEdges.Read(row, selection, out _) is { } edge)
            {
                edges.Add(edge);
            }
        }

        foreach (var row in (file == "securityresources.json" ? changed : alerts.RootElement).GetProperty("value").EnumerateArray())
        {
            if (DefenderAlertEdges.Read(row, out _) is { } edge)
            {
                edges.Add(edge);
            }
        }

        var results = RuleCatalog.BuiltIn.Evaluate(snapshot);
        var graph = SecurityGraph.Of(snapshot, results.Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.ToFinding()), edges);
        return results.Concat(RuleCatalog.BuiltIn.Evaluate(snapshot with { Graph = graph }))
            .Where(r => r.Outcome == RuleOutcome.Error).Select(r => $"{r.Rule.Id}: {r.Message}").Distinct().ToList();
    }
}
