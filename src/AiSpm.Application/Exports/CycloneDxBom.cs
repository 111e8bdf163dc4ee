using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Application.Outputs;
using AiSpm.Core.Assets;
using AiSpm.Core.Findings;
using AiSpm.Core.Graph;

namespace AiSpm.Application.Exports;

/// <summary>
/// The AI-BOM as a CycloneDX 1.6 document: model deployments as <c>machine-learning-model</c> components (model name,
/// version, format as publisher, lifecycle facts as properties), AI accounts, search services, workspaces and other AI
/// resources as <c>services</c>, AI apps, agents, Copilot packages and key consumers as <c>application</c> components;
/// the graph's edges between them as <c>dependencies</c>; open findings (attack paths included) as
/// <c>vulnerabilities</c> affecting the asset. bom-refs are the assets' ids. No key value is in it.
/// </summary>
public static class CycloneDxBom
{
    /// <summary>The CycloneDX spec version written.</summary>
    public const string SpecVersion = "1.6";

    /// <summary>The document, as UTF-8 JSON.</summary>
    public static byte[] Write(IReadOnlyList<Asset> assets, IReadOnlyList<GraphEdge> edges, IReadOnlyList<StoredFinding> findings, DateTimeOffset generatedAt, Guid serial)
    {
        ArgumentNullException.ThrowIfNull(assets);
        ArgumentNullException.ThrowIfNull(edges);
        ArgumentNullException.ThrowIfNull(findings);
        var components = new JsonArray();
        var services = new JsonArray();
        var refs = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var asset in assets.OrderBy(a => a.Class).ThenBy(a => a.ResourceId, StringComparer.OrdinalIgnoreCase))
        {
            if (!refs.Add(asset.ResourceId))
            {
                continue;
            }

            var facts = asset.Facts();
            if (asset.Class == AssetClass.AiResource && IsService(asset, facts))
            {
                services.Add(Service(asset, facts));
            }
            else
            {
                components.Add(Component(asset, facts));
            }
        }

        var dependencies = new JsonArray();
        foreach (var from in edges.Where(e => refs.Contains(e.From) && refs.Contains(e.To) && e.Relation != EdgeRelations.Alert)
                     .GroupBy(e => e.From, StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase))
        {
            dependencies.Add(new JsonObject
            {
                ["ref"] = Canonical(refs, from.Key),
                ["dependsOn"] = new JsonArray([.. from.Select(e => Canonical(refs, e.To)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal).Select(t => (JsonNode)t!)]),
            });
        }

        var vulnerabilities = new JsonArray();
        foreach (var stored in findings.Where(f => f.Status == FindingStatus.Open && refs.Contains(f.Finding.Key.ResourceId)))
        {
            var finding = stored.Finding;
            vulnerabilities.Add(new JsonObject
            {
                ["bom-ref"] = "finding:" + finding.Key.Id,
                ["id"] = finding.Key.RuleId,
                ["source"] = new JsonObject { ["name"] = ProductInfo.Name },
                ["ratings"] = new JsonArray(new JsonObject { ["severity"] = Rating(finding.Severity), ["method"] = "other", ["source"] = new JsonObject { ["name"] = ProductInfo.Name } }),
                ["description"] = finding.Title,
                ["detail"] = finding.Detail,
                ["recommendation"] = "See " + ProductInfo.RuleDocPath(finding.Key.RuleId),
                ["created"] = Time(stored.FirstSeen),
                ["updated"] = Time(stored.LastSeen),
                ["affects"] = new JsonArray(new JsonObject { ["ref"] = Canonical(refs, finding.Key.ResourceId) }),
                ["properties"] = Properties(("aispm:findingId", finding.Key.Id), ("aispm:category", finding.Category), ("aispm:subKey", finding.Key.SubKey)),
            });
        }

        var bom = new JsonObject
        {
            ["$schema"] = "http://cyclonedx.org/schema/bom-1.6.schema.json",
            ["bomFormat"] = "CycloneDX",
            ["specVersion"] = SpecVersion,
            ["serialNumber"] = "urn:uuid:" + serial.ToString("D"),
            ["version"] = 1,
            ["metadata"] = new JsonObject
            {
                ["timestamp"] = Time(generatedAt),
                ["tools"] = new JsonObject { ["components"] = new JsonArray(new JsonObject { ["type"] = "application", ["name"] = ProductInfo.Name, ["version"] = ProductInfo.Version }) },
                ["properties"] = Properties(("aispm:bomKind", "AI-BOM: the AI inventory of an installation")),
            },
            ["components"] = components,
            ["services"] = services,
            ["dependencies"] = dependencies,
            ["vulnerabilities"] = vulnerabilities,
        };
        return JsonSerializer.SerializeToUtf8Bytes(bom, EvidenceJson.Options);
    }

    private static bool IsService(Asset asset, JsonElement? facts) =>
        !string.Equals(Text(facts, "family"), "ModelDeployment", StringComparison.Ordinal);

    private static JsonObject Service(Asset asset, JsonElement? facts)
    {
        var service = new JsonObject
        {
            ["bom-ref"] = asset.ResourceId,
            ["name"] = asset.Name,
            ["group"] = asset.Type,
        };
        if (Text(facts, "customSubDomainName") is { } subdomain)
        {
            service["endpoints"] = new JsonArray($"https://{subdomain}.cognitiveservices.azure.com/");
        }

        // Every Azure AI data plane asks for a key or an Entra token; whether keys are accepted is a property.
        service["authenticated"] = true;
        service["properties"] = Properties(("aispm:kind", "ai-resource"), ("aispm:type", asset.Type), ("aispm:resourceKind", asset.Kind), ("aispm:location", asset.Location),
            ("aispm:localAuthEnabled", Bool(facts, "localAuthEnabled") is { } keys ? (keys ? "true" : "false") : null),
            ("aispm:publicNetworkAccess", Text(facts, "publicNetworkAccess")), ("aispm:identity", Text(facts, "identity")));
        if (Bool(facts, "openToInternet") is { } open)
        {
            service["x-trust-boundary"] = open;
        }

        return service;
    }

    private static JsonObject Component(Asset asset, JsonElement? facts)
    {
        var model = asset.Class == AssetClass.AiResource ? Text(facts, "model")?.Trim() : null;
        var component = new JsonObject
        {
            ["type"] = model is not null ? "machine-learning-model" : "application",
            ["bom-ref"] = asset.ResourceId,
            ["name"] = model is { Length: > 0 } ? model.Split(' ')[0] : asset.Name,
        };
        if (model is { Length: > 0 } && model.Split(' ') is [_, var version, ..])
        {
            component["version"] = version;
        }

        if (model is not null)
        {
            component["description"] = $"Model deployment '{asset.Name}'";
        }

        component["properties"] = Properties(("aispm:kind", AssetClassNames.Of(asset.Class)), ("aispm:type", asset.Type), ("aispm:name", asset.Name),
            ("aispm:resourceKind", asset.Kind), ("aispm:location", asset.Location), ("aispm:lastSeen", asset.LastSeen is { } seen ? Time(seen) : null));
        return component;
    }

    private static string Canonical(HashSet<string> refs, string id) => refs.TryGetValue(id, out var actual) ? actual : id;

    private static JsonArray Properties(params (string Name, string? Value)[] properties) =>
        new([.. properties.Where(p => !string.IsNullOrEmpty(p.Value)).Select(p => (JsonNode)new JsonObject { ["name"] = p.Name, ["value"] = p.Value })]);

    private static string Rating(Severity severity) => severity switch
    {
        Severity.Critical => "critical",
        Severity.High => "high",
        Severity.Medium => "medium",
        Severity.Low => "low",
        _ => "info",
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Text(JsonElement? facts, string name) =>
        facts is { ValueKind: JsonValueKind.Object } f && f.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0 ? v.GetString() : null;

    private static bool? Bool(JsonElement? facts, string name) =>
        facts is { ValueKind: JsonValueKind.Object } f && f.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;
}
