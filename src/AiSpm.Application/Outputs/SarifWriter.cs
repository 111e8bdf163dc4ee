using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Core.Findings;
using AiSpm.Core.Rules;

namespace AiSpm.Application.Outputs;

/// <summary>
/// Findings as a SARIF 2.1.0 log, so they show in code-scanning UIs: one run whose driver lists the rule catalogue
/// (with the doc page of each rule as its help), one result per finding located by its resource id as a logical
/// location, and the finding id as a partial fingerprint so the same finding is tracked across runs.
/// </summary>
public static class SarifWriter
{
    /// <summary>The SARIF schema the log declares.</summary>
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <summary>The partial-fingerprint key carrying the finding id.</summary>
    public const string FingerprintKey = "aispmFindingId/v1";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Builds the log. Rules get a <c>helpUri</c> only when <paramref name="docs"/> knows where the pages are published (SARIF requires it absolute).</summary>
    public static JsonObject Build(IEnumerable<Finding> findings, string scanId, DateTimeOffset evaluatedAt, RuleCatalog? catalog = null, RuleDocLinks? docs = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        docs ??= RuleDocLinks.PathsOnly;
        var rules = (catalog ?? RuleCatalog.BuiltIn).Rules.Select(r => r.Descriptor).ToList();
        var index = rules.Select((r, i) => (r.Id, i)).ToDictionary(p => p.Id, p => p.i, StringComparer.OrdinalIgnoreCase);
        var results = new JsonArray();
        foreach (var finding in findings)
        {
            var result = new JsonObject
            {
                ["ruleId"] = finding.Key.RuleId,
                ["level"] = SeverityScales.SarifLevel(finding.Severity),
                ["message"] = new JsonObject { ["text"] = finding.Detail ?? finding.Title },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["logicalLocations"] = new JsonArray(new JsonObject
                    {
                        ["name"] = ResourceIdParts.NameOf(finding.Key.ResourceId),
                        ["fullyQualifiedName"] = finding.Key.ResourceId,
                        ["kind"] = "resource",
                    }),
                }),
                ["partialFingerprints"] = new JsonObject { [FingerprintKey] = finding.Key.Id },
                ["properties"] = new JsonObject
                {
                    ["severity"] = finding.Severity.ToString(),
                    ["category"] = finding.Category,
                    ["resourceType"] = ResourceIdParts.TypeOf(finding.Key.ResourceId),
                },
            };
            if (index.TryGetValue(finding.Key.RuleId, out var ruleIndex))
            {
                result["ruleIndex"] = ruleIndex;
            }

            if (finding.Key.SubKey is { } subKey)
            {
                result["properties"]!["subKey"] = subKey;
            }

            if (finding.Exemption is { } exemption)
            {
                // A policy exemption is an accepted risk decided outside the log: SARIF's external, accepted suppression.
                result["suppressions"] = new JsonArray(new JsonObject
                {
                    ["kind"] = "external",
                    ["status"] = "accepted",
                    ["justification"] = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{exemption.Id}: {exemption.Justification} (owner {exemption.Owner}, expires {exemption.ExpiresAt:yyyy-MM-dd})"),
                });
            }

            results.Add(result);
        }

        return new JsonObject
        {
            ["$schema"] = SchemaUri,
            ["version"] = "2.1.0",
            ["runs"] = new JsonArray(new JsonObject
            {
                ["tool"] = new JsonObject
                {
                    ["driver"] = new JsonObject
                    {
                        ["name"] = ProductInfo.Name,
                        ["organization"] = ProductInfo.Vendor,
                        ["version"] = ProductInfo.Version,
                        ["semanticVersion"] = ProductInfo.Version,
                        ["rules"] = new JsonArray(rules.Select(r => Rule(r, docs)).ToArray<JsonNode?>()),
                    },
                },
                ["automationDetails"] = new JsonObject { ["id"] = $"aispm/{scanId}" },
                ["invocations"] = new JsonArray(new JsonObject
                {
                    ["executionSuccessful"] = true,
                    ["endTimeUtc"] = evaluatedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture),
                }),
                ["results"] = results,
            }),
        };
    }

    /// <summary>Builds and serializes the log (indented).</summary>
    public static string Serialize(IEnumerable<Finding> findings, string scanId, DateTimeOffset evaluatedAt, RuleCatalog? catalog = null, RuleDocLinks? docs = null) =>
        Build(findings, scanId, evaluatedAt, catalog, docs).ToJsonString(Indented);

    private static JsonObject Rule(RuleDescriptor rule, RuleDocLinks docs)
    {
        var doc = docs.LinkOf(rule.Id);
        var descriptor = new JsonObject
        {
            ["id"] = rule.Id,
            ["name"] = rule.Name.Replace(".", string.Empty, StringComparison.Ordinal),
            ["shortDescription"] = new JsonObject { ["text"] = rule.Title },
            ["fullDescription"] = new JsonObject { ["text"] = $"{rule.Title} ({rule.Name}; category {rule.Category})." },
            ["help"] = new JsonObject { ["text"] = $"Rationale and remediation (Azure CLI, Bicep): {doc}", ["markdown"] = $"Rationale and remediation (Azure CLI, Bicep): [{doc}]({doc})" },
            ["defaultConfiguration"] = new JsonObject { ["level"] = SeverityScales.SarifLevel(rule.Severity) },
            ["properties"] = new JsonObject
            {
                ["tags"] = new JsonArray("security", "ai", rule.Category),
                ["security-severity"] = SeverityScales.SecuritySeverity(rule.Severity),
                ["precision"] = "high",
                ["frameworks"] = new JsonObject
                {
                    ["nistAiRmf"] = Strings(rule.Frameworks.NistAiRmf),
                    ["iso42001"] = Strings(rule.Frameworks.Iso42001),
                    ["euAiAct"] = Strings(rule.Frameworks.EuAiAct),
                    ["owaspLlm"] = Strings(rule.Frameworks.OwaspLlm),
                    ["mitreAtlas"] = Strings(rule.Frameworks.MitreAtlas),
                },
            },
        };
        if (docs.UrlOf(rule.Id) is { } url)
        {
            descriptor["helpUri"] = url.AbsoluteUri;
        }

        return descriptor;
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)JsonValue.Create(v)).ToArray());
}
