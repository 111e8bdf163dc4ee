using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AiSpm.Connectors.Teams;
using AiSpm.Core.Findings;
using AiSpm.Core.Rules;
using AiSpm.Core.Scans;
using AiSpm.Application.Outputs;

namespace AiSpm.Application.Notifications;

/// <summary>
/// Builds Adaptive Cards (schema version 1.5) wrapped as a Teams Workflows webhook message: an alert per new or
/// escalated high/critical finding, and a digest per run. Cards carry only what a responder needs (rule, resource,
/// severity, the rule's one-line result) and never evidence values or credential hints; every message fits in
/// <see cref="TeamsLimits.MaxMessageBytes"/>, lists being cut with "and N more".
/// </summary>
public static partial class TeamsCards
{
    /// <summary>The Adaptive Card schema version targeted.</summary>
    public const string CardVersion = "1.5";

    /// <summary>The attachment content type of an Adaptive Card.</summary>
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    private const int MaxText = 1500;

    /// <summary>The alert card of one finding; with a published rule docs URL it gets a "How to fix" button.</summary>
    public static JsonObject FindingAlert(StoredFinding stored, RuleCatalog? catalog = null, RuleDocLinks? docs = null)
    {
        docs ??= RuleDocLinks.PathsOnly;
        ArgumentNullException.ThrowIfNull(stored);
        var f = stored.Finding;
        var rule = (catalog ?? RuleCatalog.BuiltIn).Find(f.Key.RuleId)?.Descriptor;
        var heading = stored.ReopenCount > 0 ? "Reopened" : "New";
        var body = new JsonArray
        {
            Text($"{heading} {f.Severity.ToString().ToLowerInvariant()} AI posture finding", size: "Small", subtle: true),
            Text(f.Title, size: "Medium", weight: "Bolder", color: Color(f.Severity)),
            Text(f.Detail ?? f.Title),
            Facts(
                ("Severity", f.Severity.ToString()),
                ("Rule", rule is null ? f.Key.RuleId : $"{f.Key.RuleId} {rule.Name}"),
                ("Category", f.Category),
                ("Resource", ResourceIdParts.DisplayNameOf(f) + (f.Key.SubKey is null ? string.Empty : $" ({f.Key.SubKey})")),
                ("Resource id", f.Key.ResourceId),
                ("First seen", Time(stored.FirstSeen)),
                ("Finding id", f.Key.Id),
                ("Remediation", docs.LinkOf(f.Key.RuleId))),
        };
        if (Core.Rules.Paths.PathRule.IsPathRule(f.Key.RuleId))
        {
            // An attack path: its chain, hop by hop, and the Defender alerts on it.
            body.Insert(3, Text("Attack path", weight: "Bolder"));
            body.Insert(4, Facts([.. PathHops(f)]));
        }

        return Envelope(Card(body, docs.UrlOf(f.Key.RuleId) is { } url ? OpenUrl("How to fix", url) : null));
    }

    /// <summary>One fact per hop of a path finding: its name, the relation that led to it and its member rules; then the alerts.</summary>
    private static IEnumerable<(string Title, string Value)> PathHops(Finding path)
    {
        var hops = Core.Rules.Paths.PathEvidence.Read(path.Evidence);
        for (var i = 0; i < hops.Count; i++)
        {
            var hop = hops[i];
            yield return ((i + 1).ToString(CultureInfo.InvariantCulture),
                (hop.Relation is null ? string.Empty : hop.Relation + " → ") + hop.Name + (hop.Rules.Count > 0 ? " [" + string.Join(", ", hop.Rules) + "]" : string.Empty));
        }

        if (path.Evidence.TryGetValue(Core.Rules.Paths.PathEvidence.Alerts, out var alerts))
        {
            yield return ("Defender alerts", alerts);
        }
    }

    /// <summary>
    /// The digest of a run: open findings by severity and by category, what changed in the run, and the top risks
    /// (at most <paramref name="maxTopRisks"/>, fewer when the message would exceed the size limit). With
    /// <paramref name="reportUri"/> (the installation's report function) it gets an "Open the report" button.
    /// </summary>
    public static JsonObject Digest(ScanRun run, IReadOnlyCollection<StoredFinding> open, int newInRun, int resolvedInRun, int maxTopRisks = 10, Uri? reportUri = null,
        IReadOnlyCollection<StoredFinding>? exempted = null, string? policy = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(open);
        var risks = open.OrderByDescending(f => f.Finding.Severity).ThenByDescending(f => f.FirstSeen).ThenBy(f => f.Finding.Key.Id, StringComparer.Ordinal).ToList();
        var shown = Math.Min(maxTopRisks, risks.Count);
        while (true)
        {
            var message = BuildDigest(run, open, newInRun, resolvedInRun, risks, shown, reportUri, exempted ?? [], policy);
            if (Size(message) <= TeamsLimits.MaxMessageBytes || shown == 0)
            {
                return message;
            }

            shown = shown > 8 ? shown * 3 / 4 : shown - 1;
        }
    }

    /// <summary>Wraps a card as the message a Workflows webhook accepts.</summary>
    public static JsonObject Envelope(JsonObject card) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = AdaptiveCardContentType,
            ["contentUrl"] = null,
            ["content"] = card,
        }),
    };

    /// <summary>The UTF-8 size of a message as posted.</summary>
    public static int Size(JsonObject message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return Encoding.UTF8.GetByteCount(message.ToJsonString());
    }

    private static JsonObject BuildDigest(ScanRun run, IReadOnlyCollection<StoredFinding> open, int newInRun, int resolvedInRun, List<StoredFinding> risks, int shown, Uri? reportUri,
        IReadOnlyCollection<StoredFinding> exempted, string? policy)
    {
        var bySeverity = Enum.GetValues<Severity>().Reverse().Select(s => (s.ToString(), open.Count(f => f.Finding.Severity == s).ToString(CultureInfo.InvariantCulture))).ToArray();
        var byCategory = open.GroupBy(f => f.Finding.Category, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Count().ToString(CultureInfo.InvariantCulture))).ToArray();
        var body = new JsonArray
        {
            Text("AiSpm scan digest", size: "Medium", weight: "Bolder"),
            Text($"Run {run.RunId} ({run.Trigger}) {run.Status}: {open.Count} open findings; {newInRun} new and {resolvedInRun} resolved in this run"
                + (exempted.Count > 0 ? $"; {exempted.Count} exempted by policy." : "."), subtle: true),
            Text("Open findings by severity", weight: "Bolder"),
            Facts(bySeverity),
        };
        if (policy is not null)
        {
            body.Add(Text("Policy: " + policy, subtle: true, spacing: "Small"));
        }

        if (exempted.Count > 0)
        {
            // Accepted risks stay visible: which exemption holds how many findings, whose decision, until when.
            body.Add(Text("Exempted by policy (accepted risks)", weight: "Bolder"));
            body.Add(Facts(exempted.Where(f => f.Finding.Exemption is not null).GroupBy(f => f.Finding.Exemption!.Id, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (g.Key, string.Create(CultureInfo.InvariantCulture, $"{g.Count()} finding(s), owner {g.First().Finding.Exemption!.Owner}, expires {g.First().Finding.Exemption!.ExpiresAt:yyyy-MM-dd}"))).ToArray()));
        }
        if (byCategory.Length > 0)
        {
            body.Add(Text("By category", weight: "Bolder"));
            body.Add(Facts(byCategory));
        }

        if (risks.Count > 0)
        {
            body.Add(Text("Top risks", weight: "Bolder"));
            foreach (var f in risks.Take(shown))
            {
                var overridden = f.Finding.Evidence.ContainsKey("policy.severityOverride") ? " (severity set by policy)" : string.Empty;
                body.Add(Text($"**{f.Finding.Severity}**{overridden} {f.Finding.Key.RuleId} on {ResourceIdParts.DisplayNameOf(f.Finding)}: {f.Finding.Detail ?? f.Finding.Title}", spacing: "Small"));
            }

            if (risks.Count > shown)
            {
                body.Add(Text($"and {risks.Count - shown} more", subtle: true, spacing: "Small"));
            }
        }

        return Envelope(Card(body, reportUri is null ? null : OpenUrl("Open the report", reportUri)));
    }

    private static JsonObject Card(JsonArray body, params JsonObject?[] actions)
    {
        var card = new JsonObject
        {
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["type"] = "AdaptiveCard",
            ["version"] = CardVersion,
            ["msteams"] = new JsonObject { ["width"] = "Full" },
            ["body"] = body,
        };
        if (actions.Where(a => a is not null).ToArray() is { Length: > 0 } present)
        {
            card["actions"] = new JsonArray(present);
        }

        return card;
    }

    private static JsonObject OpenUrl(string title, Uri url) => new()
    {
        ["type"] = "Action.OpenUrl",
        ["title"] = title,
        ["url"] = url.AbsoluteUri,
    };

    private static JsonObject Text(string text, string? size = null, string? weight = null, string? color = null, bool subtle = false, string? spacing = null)
    {
        var block = new JsonObject
        {
            ["type"] = "TextBlock",
            ["text"] = text.Length > MaxText ? text[..MaxText] + "…" : text,
            ["wrap"] = true,
        };
        if (size is not null)
        {
            block["size"] = size;
        }

        if (weight is not null)
        {
            block["weight"] = weight;
        }

        if (color is not null)
        {
            block["color"] = color;
        }

        if (subtle)
        {
            block["isSubtle"] = true;
        }

        if (spacing is not null)
        {
            block["spacing"] = spacing;
        }

        return block;
    }

    private static JsonObject Facts(params (string Title, string Value)[] facts) => new()
    {
        ["type"] = "FactSet",
        ["facts"] = new JsonArray(facts.Select(f => (JsonNode?)new JsonObject
        {
            ["title"] = f.Title,
            ["value"] = f.Value.Length > MaxText ? f.Value[..MaxText] + "…" : f.Value,
        }).ToArray()),
    };

    private static string Color(Severity severity) => severity >= Severity.High ? "Attention" : severity == Severity.Medium ? "Warning" : "Default";

    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
