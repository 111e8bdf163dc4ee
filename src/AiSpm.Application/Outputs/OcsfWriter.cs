using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Rules;
using AiSpm.Core.Suppressions;

namespace AiSpm.Application.Outputs;

/// <summary>
/// Findings as OCSF Detection Finding events (class 2004, category 2 "Findings"): the finding id is
/// <c>finding_info.uid</c>, the rule is the analytic, the resource and its subscription are the resources and cloud
/// account, and the lifecycle sets the activity (create, update, close) and status (new, suppressed, resolved).
/// </summary>
public static class OcsfWriter
{
    /// <summary>The OCSF schema version the events follow.</summary>
    public const string SchemaVersion = "1.4.0";

    /// <summary>Detection Finding.</summary>
    public const int ClassUid = 2004;

    /// <summary>Findings.</summary>
    public const int CategoryUid = 2;

    /// <summary>
    /// The OCSF profiles the events apply, listed in <c>metadata.profiles</c>: <c>cloud</c>, which brings the
    /// <c>cloud</c> attribute (required by that profile) into the class.
    /// </summary>
    public static readonly IReadOnlyList<string> Profiles = ["cloud"];

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>One event per finding.</summary>
    public static JsonArray Build(IEnumerable<StoredFinding> findings, IReadOnlyDictionary<string, Suppression>? suppressions = null, DateTimeOffset? now = null, RuleCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var at = now ?? DateTimeOffset.UtcNow;
        return new JsonArray(findings.Select(f => (JsonNode?)ToDetectionFinding(f, suppressions?.GetValueOrDefault(f.Finding.Key.Id), at, catalog)).ToArray());
    }

    /// <summary>The events of a one-shot scan (every finding new and open).</summary>
    public static string Serialize(IEnumerable<Finding> findings, string scanId, DateTimeOffset evaluatedAt, RuleCatalog? catalog = null) =>
        Build(findings.Select(f => new StoredFinding(f, f.Exemption is null ? FindingStatus.Open : FindingStatus.Exempted, evaluatedAt, evaluatedAt, scanId, null, 0)), null, evaluatedAt, catalog).ToJsonString(Indented);

    /// <summary>One Detection Finding event.</summary>
    public static JsonObject ToDetectionFinding(StoredFinding stored, Suppression? suppression, DateTimeOffset now, RuleCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var finding = stored.Finding;
        var rule = (catalog ?? RuleCatalog.BuiltIn).Find(finding.Key.RuleId)?.Descriptor;
        var (activityId, activity) = stored.Status == FindingStatus.Resolved ? (3, "Close")
            : stored.FirstSeen == stored.LastSeen && stored.ReopenCount == 0 ? (1, "Create")
            : (2, "Update");
        var (statusId, status) = stored.Status == FindingStatus.Resolved ? (4, "Resolved")
            : stored.Status == FindingStatus.Exempted || (suppression is not null && suppression.IsActiveAt(now)) ? (3, "Suppressed")
            : (1, "New");
        var severityId = SeverityScales.OcsfSeverityId(finding.Severity);
        var unmapped = new JsonObject
        {
            ["rule_name"] = rule?.Name,
            ["category"] = finding.Category,
            ["sub_key"] = finding.Key.SubKey,
            ["scope"] = finding.Key.Scope,
            ["last_scan_id"] = stored.LastScanId,
            ["reopen_count"] = stored.ReopenCount,
            ["evidence"] = new JsonObject(finding.Evidence.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => KeyValuePair.Create(e.Key, (JsonNode?)JsonValue.Create(e.Value)))),
        };
        if (finding.SecretFingerprint is not null)
        {
            unmapped["secret_fingerprint"] = finding.SecretFingerprint;
            unmapped["secret_hint"] = finding.SecretHint;
        }

        if (suppression is not null)
        {
            unmapped["suppression"] = new JsonObject
            {
                ["justification"] = suppression.Justification,
                ["created_by"] = suppression.CreatedBy,
                ["expires_time"] = suppression.ExpiresAt.ToUnixTimeMilliseconds(),
            };
        }

        if (finding.Exemption is { } exemption && stored.Status != FindingStatus.Resolved)
        {
            unmapped["exemption"] = new JsonObject
            {
                ["id"] = exemption.Id,
                ["justification"] = exemption.Justification,
                ["owner"] = exemption.Owner,
                ["expires_time"] = exemption.ExpiresAt.ToUnixTimeMilliseconds(),
            };
        }

        var findingInfo = new JsonObject
        {
            ["uid"] = finding.Key.Id,
            ["title"] = finding.Title,
            ["desc"] = finding.Detail ?? finding.Title,
            ["types"] = new JsonArray(finding.Category),
            ["created_time"] = stored.FirstSeen.ToUnixTimeMilliseconds(),
            ["first_seen_time"] = stored.FirstSeen.ToUnixTimeMilliseconds(),
            ["last_seen_time"] = stored.LastSeen.ToUnixTimeMilliseconds(),
            ["modified_time"] = (stored.ResolvedAt ?? stored.LastSeen).ToUnixTimeMilliseconds(),
            ["analytic"] = new JsonObject
            {
                ["uid"] = finding.Key.RuleId,
                ["name"] = rule?.Name ?? finding.Key.RuleId,
                ["type_id"] = 1,
                ["type"] = "Rule",
            },
        };
        var subscription = ArmId.SubscriptionOf(finding.Key.ResourceId);
        var result = new JsonObject
        {
            ["activity_id"] = activityId,
            ["activity_name"] = activity,
            ["category_uid"] = CategoryUid,
            ["category_name"] = "Findings",
            ["class_uid"] = ClassUid,
            ["class_name"] = "Detection Finding",
            ["type_uid"] = (ClassUid * 100) + activityId,
            ["type_name"] = $"Detection Finding: {activity}",
            ["severity_id"] = severityId,
            ["severity"] = finding.Severity == Severity.Informational ? "Informational" : finding.Severity.ToString(),
            ["is_alert"] = statusId == 1 && finding.Severity >= Severity.High,
            ["status_id"] = statusId,
            ["status"] = status,
            ["time"] = (stored.ResolvedAt ?? stored.LastSeen).ToUnixTimeMilliseconds(),
            ["message"] = finding.Detail ?? finding.Title,
            ["finding_info"] = findingInfo,
            ["resources"] = new JsonArray(new JsonObject
            {
                ["uid"] = finding.Key.ResourceId,
                ["name"] = ResourceIdParts.NameOf(finding.Key.ResourceId),
                ["type"] = ResourceIdParts.TypeOf(finding.Key.ResourceId),
            }),
            ["cloud"] = string.IsNullOrEmpty(subscription)
                ? new JsonObject { ["provider"] = "Azure" }
                : new JsonObject { ["provider"] = "Azure", ["account"] = new JsonObject { ["uid"] = subscription, ["type_id"] = 13, ["type"] = "Azure Subscription" } },
            ["remediation"] = new JsonObject
            {
                ["desc"] = $"See {ProductInfo.RuleDocPath(finding.Key.RuleId)} for the rationale and the Azure CLI and Bicep remediation.",
                ["references"] = new JsonArray(ProductInfo.RuleDocPath(finding.Key.RuleId)),
            },
            ["metadata"] = new JsonObject
            {
                ["version"] = SchemaVersion,
                ["profiles"] = new JsonArray(Profiles.Select(p => (JsonNode?)p).ToArray()),
                ["product"] = new JsonObject
                {
                    ["name"] = ProductInfo.Name,
                    ["vendor_name"] = ProductInfo.Vendor,
                    ["version"] = ProductInfo.Version,
                },
            },
            ["unmapped"] = unmapped,
        };
        return result;
    }
}
