using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Rules.DemoTenant;

/// <summary>
/// Real shapes never abort a scan: every ARM resource file of the demo tenant is read with each property its objects
/// carry removed in turn — each top-level property but the identifying <c>id</c> and <c>type</c>, and each property
/// under <c>properties</c> — and the whole rule catalogue runs on it. Nothing throws and no rule errs: a check whose
/// input is gone answers Unknown (or decides on the documented default).
/// </summary>
public sealed class PropertyRemovalTests
{
    private static string ResourcesFolder => Path.Combine(RuleFixtures.RepositoryRoot(), "fixtures", "demo-tenant", "arm", "resources");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(ResourcesFolder, "*.json").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_property_removed_in_turn_leaves_a_scan_that_completes(string file)
    {
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(ResourcesFolder, file)))!.AsObject();
        var items = original["value"]!.AsArray().OfType<JsonObject>().ToList();
        var topLevel = items.SelectMany(i => i.Select(p => p.Key)).Where(k => k is not "id" and not "type").Distinct(StringComparer.Ordinal).ToList();
        var nested = items.Select(i => i["properties"]).OfType<JsonObject>().SelectMany(p => p.Select(x => x.Key)).Distinct(StringComparer.Ordinal).ToList();
        var others = Directory.GetFiles(ResourcesFolder, "*.json").Where(f => Path.GetFileName(f) != file).Select(f => JsonNode.Parse(File.ReadAllText(f))!).ToList();
        var variants = topLevel.Select(name => (Path: name, Remove: (Action<JsonObject>)(item => item.Remove(name))))
            .Concat(nested.Select(name => (Path: "properties." + name, Remove: (Action<JsonObject>)(item => (item["properties"] as JsonObject)?.Remove(name)))))
            .ToList();
        Assert.NotEmpty(variants);

        var failures = new List<string>();
        foreach (var (path, remove) in variants)
        {
            var changed = original.DeepClone().AsObject();
            foreach (var item in changed["value"]!.AsArray().OfType<JsonObject>())
            {
                remove(item);
            }

            try
            {
                var builder = new AiInventoryBuilder();
                builder.AddDocument(JsonSerializer.SerializeToElement(changed), file);
                foreach (var other in others)
                {
                    builder.AddDocument(JsonSerializer.SerializeToElement(other), "other");
                }

                var snapshot = new PostureSnapshot { Azure = builder.Build(), EvaluatedAt = RuleFixtures.EvaluatedAt };
                var failed = RuleCatalog.BuiltIn.Evaluate(snapshot).Where(r => r.Outcome == RuleOutcome.Error).Select(r => $"{r.Rule.Id}: {r.Message}").ToList();
                var graph = AiSpm.Core.Graph.SecurityGraph.Of(snapshot, RuleCatalog.BuiltIn.Evaluate(snapshot).Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.ToFinding()));
                failed.AddRange(RuleCatalog.BuiltIn.Evaluate(snapshot with { Graph = graph }).Where(r => r.Outcome == RuleOutcome.Error).Select(r => $"{r.Rule.Id}: {r.Message}"));
                if (failed.Count > 0)
                {
                    failures.Add($"without {path}: {string.Join("; ", failed.Distinct().Take(3))}");
                }
            }
            catch (Exception ex)
            {
                failures.Add($"without {path}: {ex.GetType().Name}: {ex.Message}");
            }
        }

        Assert.True(failures.Count == 0, $"{file}: {failures.Count} of {variants.Count} variants failed:\n{string.Join('\n', failures)}");
    }
}
