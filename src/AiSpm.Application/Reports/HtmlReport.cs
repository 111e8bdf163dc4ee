using System.Globalization;
using System.Net;
using System.Text;
using AiSpm.Core.Assets;
using AiSpm.Core.Compliance;
using AiSpm.Core.Findings;
using AiSpm.Application.Outputs;

namespace AiSpm.Application.Reports;

/// <summary>
/// Renders the posture report: one self-contained HTML file (inline CSS and SVG, no script, nothing fetched) with
/// findings by severity and category, the trend across runs, the top resources, per-framework control status, the AI
/// inventory and the open findings. Every value is HTML-encoded; no secret value is in the model to begin with.
/// </summary>
public static class HtmlReport
{
    private static readonly Dictionary<AssetClass, string> InventoryHeadings = new()
    {
        [AssetClass.AiResource] = "Azure AI resources",
        [AssetClass.AiApp] = "AI apps in the directory",
        [AssetClass.CopilotPackage] = "Copilot packages",
        [AssetClass.AgentIdentity] = "Agent identities",
        [AssetClass.AgentBlueprint] = "Agent blueprints",
        [AssetClass.KeyConsumer] = "Key consumers (settings holding an AI key)",
        [AssetClass.Identity] = "Identities AI resources run as, and service principals holding roles on AI resources",
        [AssetClass.CopilotStudioAgent] = "Copilot Studio agents",
    };

    private static readonly Dictionary<Severity, string> SeverityColors = new()
    {
        [Severity.Critical] = "#7f1d1d",
        [Severity.High] = "#dc2626",
        [Severity.Medium] = "#f59e0b",
        [Severity.Low] = "#3b82f6",
        [Severity.Informational] = "#9ca3af",
    };

    private const string Css = """
        body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2rem;color:#111;max-width:1200px}
        h1{margin-bottom:.2rem}h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
        .meta{color:#555}.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{border:1px solid #ddd;border-radius:8px;padding:.8rem 1.2rem}
        .card b{display:block;font-size:1.6rem}.grid{display:flex;gap:2rem;flex-wrap:wrap}
        table{border-collapse:collapse;width:100%;font-size:.9rem}th,td{border-bottom:1px solid #eee;padding:.3rem .5rem;text-align:left;vertical-align:top}
        th{background:#f6f6f6}.chart text{font-size:12px;fill:#333}.path text{font-size:12px;fill:#222}.path .via{font-size:10px;fill:#555}.path .rules{font-size:10px;fill:#a00}.path .alert{font-size:10px;font-weight:bold;fill:#b91c1c}figure.attack-path{margin:.8rem 0;overflow-x:auto}.sev{color:#fff;border-radius:4px;padding:0 .4rem;font-size:.8rem}
        .Failing{color:#b91c1c;font-weight:600}.RiskAccepted{color:#b45309}.Passing{color:#15803d}.NotAssessed{color:#6b7280}code{font-size:.8rem;word-break:break-all}
        """;

    /// <summary>The HTML document.</summary>
    public static string Render(ReportModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">")
            .Append("<title>AiSpm posture report</title><style>").Append(Css).Append("</style></head><body>");
        html.Append("<h1>AiSpm posture report</h1>")
            .Append(CultureInfo.InvariantCulture, $"<p class=\"meta\">Generated {E(model.GeneratedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture))} by {E(ProductInfo.Name)} {E(ProductInfo.Version)}.</p>");

        var high = model.Open.Count(f => f.Finding.Severity >= Severity.High);
        html.Append("<div class=\"cards\">")
            .Append(Card("Open findings", model.Open.Count))
            .Append(Card("High or critical", high))
            .Append(Card("Exempted by policy", model.Exempted.Count))
            .Append(Card("Resolved", model.Resolved))
            .Append(Card("AI assets", model.Assets.Count))
            .Append(Card("Scan runs", model.Runs.Count))
            .Append("</div>");
        if (model.Policy is not null)
        {
            html.Append("<p class=\"meta\">Policy: ").Append(E(model.Policy)).Append("</p>");
        }

        html.Append("<h2>Findings</h2><div class=\"grid\"><div><h3>By severity</h3>")
            .Append(SvgCharts.Bars("Open findings by severity", Enum.GetValues<Severity>().Reverse()
                .Select(s => (s.ToString(), model.Open.Count(f => f.Finding.Severity == s), SeverityColors[s])).ToList()))
            .Append("</div><div><h3>By category</h3>")
            .Append(SvgCharts.Bars("Open findings by category", model.Open.GroupBy(f => f.Finding.Category, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count(), "#6366f1")).ToList()))
            .Append("</div></div>");

        html.Append("<div class=\"grid\"><div><h3>Trend across runs</h3>")
            .Append(SvgCharts.Trend("Open findings after each run", model.Trend()
                .Select(t => (t.At.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture), t.Open)).ToList()))
            .Append("</div><div><h3>Top resources</h3>")
            .Append(SvgCharts.Bars("Resources with the most open findings", model.Open.GroupBy(f => f.Finding.Key.ResourceId, StringComparer.OrdinalIgnoreCase)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase).Take(10)
                .Select(g => (ResourceIdParts.NameOf(g.Key), g.Count(), "#0ea5e9")).ToList()))
            .Append("</div></div>");

        html.Append("<h2>Frameworks</h2><p class=\"meta\">A control no rule evidences is <span class=\"NotAssessed\">not assessed</span>, never passing.</p>");
        foreach (var framework in model.Frameworks)
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3>{E(framework.Framework.Name)} <span class=\"meta\">({E(framework.Framework.Version)})</span></h3>")
                .Append(SvgCharts.Stack(framework.Framework.Name,
                [
                    ("Failing", framework.Count(ControlStatus.Failing), "#dc2626"),
                    ("Risk accepted", framework.Count(ControlStatus.RiskAccepted), "#f59e0b"),
                    ("Passing", framework.Count(ControlStatus.Passing), "#16a34a"),
                    ("Not assessed", framework.Count(ControlStatus.NotAssessed), "#d1d5db"),
                ]))
                .Append(CultureInfo.InvariantCulture, $"<p>{framework.Count(ControlStatus.Failing)} failing · {framework.Count(ControlStatus.RiskAccepted)} risk accepted · {framework.Count(ControlStatus.Passing)} passing · {framework.Count(ControlStatus.NotAssessed)} not assessed</p>")
                .Append("<details><summary>Controls</summary><table><tr><th>Control</th><th>Title</th><th>Status</th><th>Rules</th><th>Open findings</th></tr>");
            foreach (var control in framework.Controls)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(control.Control.Id)}</td><td>{E(control.Control.Title)}</td><td class=\"{control.Status}\">{E(Status(control.Status))}</td><td>{E(string.Join(", ", control.RuleIds))}</td><td>{control.FindingIds.Count}</td></tr>");
            }

            html.Append("</table></details>");
        }

        var paths = model.Open.Where(f => Core.Rules.Paths.PathRule.IsPathRule(f.Finding.Key.RuleId)).ToList();
        html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"attack-paths\">Attack paths ({paths.Count})</h2>");
        if (paths.Count == 0)
        {
            html.Append("<p>No open attack path: no chain of findings joins along the asset graph.</p>");
        }

        foreach (var stored in paths)
        {
            var f = stored.Finding;
            html.Append(CultureInfo.InvariantCulture, $"<figure class=\"attack-path\"><figcaption><span class=\"sev\" style=\"background:{SeverityColors[f.Severity]}\">{E(f.Severity.ToString())}</span> {E(f.Key.RuleId)} — {E(f.Title)}</figcaption>")
                .Append(SvgCharts.AttackPath($"{f.Key.RuleId} attack path", Core.Rules.Paths.PathEvidence.Read(f.Evidence), SeverityColors[f.Severity]))
                .Append(CultureInfo.InvariantCulture, $"<p>{E(f.Detail ?? string.Empty)}</p></figure>");
        }

        var openByResource = model.Open.GroupBy(f => f.Finding.Key.ResourceId, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Count(), StringComparer.OrdinalIgnoreCase);
        html.Append("<h2>AI inventory</h2>");
        foreach (var group in model.Assets.GroupBy(a => a.Class).OrderBy(g => g.Key))
        {
            html.Append(CultureInfo.InvariantCulture, $"<h3 id=\"inventory-{AssetClassNames.Of(group.Key)}\">{E(InventoryHeadings[group.Key])} ({group.Count()})</h3>")
                .Append("<table><tr><th>Name</th><th>Type</th><th>Kind</th><th>Region</th><th>Open findings</th></tr>");
            foreach (var asset in group)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td title=\"{E(asset.ResourceId)}\">{E(asset.Name)}</td><td>{E(asset.Type)}</td><td>{E(asset.Kind ?? string.Empty)}</td><td>{E(asset.Location ?? string.Empty)}</td><td>{openByResource.GetValueOrDefault(asset.ResourceId)}</td></tr>");
            }

            html.Append("</table>");
        }

        html.Append("<h2>Open findings</h2><table><tr><th>Severity</th><th>Rule</th><th>Resource</th><th>Finding</th><th>First seen</th></tr>");
        foreach (var stored in model.Open)
        {
            var f = stored.Finding;
            html.Append(CultureInfo.InvariantCulture, $"<tr><td><span class=\"sev\" style=\"background:{SeverityColors[f.Severity]}\">{E(f.Severity.ToString())}</span></td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(f.Key.RuleId)}</td><td title=\"{E(f.Key.ResourceId)}\">{E(ResourceIdParts.DisplayNameOf(f))}{(f.Key.SubKey is null ? string.Empty : " (" + E(f.Key.SubKey) + ")")}</td>")
                .Append(CultureInfo.InvariantCulture, $"<td>{E(f.Detail ?? f.Title)}</td><td>{E(stored.FirstSeen.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}</td></tr>");
        }

        html.Append("</table>");
        if (model.Exempted.Count > 0)
        {
            // Accepted risks stay in the report, with whose decision and until when; they expire back to open.
            html.Append(CultureInfo.InvariantCulture, $"<h2 id=\"exempted\">Exempted by policy ({model.Exempted.Count})</h2><table><tr><th>Severity</th><th>Rule</th><th>Resource</th><th>Exemption</th><th>Owner</th><th>Expires</th><th>Justification</th></tr>");
            foreach (var stored in model.Exempted)
            {
                var f = stored.Finding;
                var exemption = f.Exemption;
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{E(f.Severity.ToString())}</td><td>{E(f.Key.RuleId)}</td><td title=\"{E(f.Key.ResourceId)}\">{E(ResourceIdParts.DisplayNameOf(f))}</td>")
                    .Append(CultureInfo.InvariantCulture, $"<td>{E(exemption?.Id ?? "?")}</td><td>{E(exemption?.Owner ?? "?")}</td><td>{E(exemption?.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "?")}</td><td>{E(exemption?.Justification ?? string.Empty)}</td></tr>");
            }

            html.Append("</table>");
        }

        return html.Append("</body></html>").ToString();
    }

    private static string Card(string label, int value) =>
        string.Create(CultureInfo.InvariantCulture, $"<div class=\"card\"><b>{value}</b>{E(label)}</div>");

    private static string Status(ControlStatus status) => status switch
    {
        ControlStatus.Failing => "Failing",
        ControlStatus.RiskAccepted => "Risk accepted",
        ControlStatus.Passing => "Passing",
        _ => "Not assessed",
    };

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
