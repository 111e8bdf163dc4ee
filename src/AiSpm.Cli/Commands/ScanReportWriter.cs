using System.Globalization;
using System.Text.Json;
using AiSpm.Core.Findings;
using AiSpm.Application.Outputs;
using AiSpm.Application.Scanning;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary>Writes a <see cref="ScanReport"/> as a table, JSON, CSV, SARIF or OCSF. Never writes secret values (findings hold none).</summary>
internal static class ScanReportWriter
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    public static void Write(ScanReport report, ScanOutputFormat format, IAnsiConsole console, TextWriter output, RuleDocLinks? docs = null)
    {
        var findings = report.Findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Key.RuleId, StringComparer.Ordinal).ThenBy(f => f.Key.ResourceId, StringComparer.OrdinalIgnoreCase).ToList();
        switch (format)
        {
            case ScanOutputFormat.Json:
                output.WriteLine(JsonSerializer.Serialize(new
                {
                    report.ScanId,
                    report.EvaluatedAt,
                    report.Subscriptions,
                    Assets = report.Inventory.Resources.Count,
                    Policy = report.Policy is { } policy ? new { Baseline = policy.Baseline.Name, policy.Baseline.Version, policy.Source, Digest = policy.Digest() } : null,
                    Findings = findings.Select(f => new
                    {
                        Id = f.Key.Id,
                        f.Key.RuleId,
                        f.Key.ResourceId,
                        f.Key.SubKey,
                        Severity = f.Severity.ToString(),
                        f.Category,
                        f.Title,
                        f.Detail,
                        f.Evidence,
                        Status = f.Exemption is null ? nameof(FindingStatus.Open) : nameof(FindingStatus.Exempted),
                        f.Exemption,
                    }),
                    Coverage = new { Unknown = report.Unknown, Errors = report.Errors },
                    report.Calls,
                    ElapsedSeconds = Math.Round(report.Elapsed.TotalSeconds, 3),
                }, Json));
                break;
            case ScanOutputFormat.Csv:
                output.WriteLine("severity,rule_id,category,resource_id,sub_key,title,detail,finding_id,status,exemption_id");
                foreach (var f in findings)
                {
                    output.WriteLine(string.Join(',', new[] { f.Severity.ToString(), f.Key.RuleId, f.Category, f.Key.ResourceId, f.Key.SubKey ?? string.Empty, f.Title, f.Detail ?? string.Empty, f.Key.Id,
                        f.Exemption is null ? nameof(FindingStatus.Open) : nameof(FindingStatus.Exempted), f.Exemption?.Id ?? string.Empty }.Select(CsvField.Escape)));
                }

                break;
            case ScanOutputFormat.Sarif:
                output.WriteLine(SarifWriter.Serialize(findings, report.ScanId, report.EvaluatedAt, docs: docs));
                break;
            case ScanOutputFormat.Ocsf:
                output.WriteLine(OcsfWriter.Serialize(findings, report.ScanId, report.EvaluatedAt));
                break;
            default:
                WriteTable(report, findings, console);
                break;
        }
    }

    private static void WriteTable(ScanReport report, List<Finding> all, IAnsiConsole console)
    {
        var findings = all.Where(f => f.Exemption is null).ToList();
        var exempted = all.Where(f => f.Exemption is not null).ToList();
        var table = new Table().AddColumn("Severity").AddColumn("Rule").AddColumn("Resource").AddColumn("Finding");
        foreach (var f in findings)
        {
            table.AddRow(
                Markup.Escape(f.Severity.ToString()),
                Markup.Escape(f.Key.RuleId),
                Markup.Escape(ShortName(f.Key.ResourceId) + (f.Key.SubKey is null ? string.Empty : $" ({f.Key.SubKey})")),
                Markup.Escape(f.Detail ?? f.Title));
        }

        console.Write(table);
        var bySeverity = string.Join(", ", Enum.GetValues<Severity>().Reverse().Select(s => $"{findings.Count(f => f.Severity == s)} {s.ToString().ToLowerInvariant()}"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{findings.Count} findings ({bySeverity}) on {report.Inventory.Resources.Count} AI resources in {report.Subscriptions.Count} subscriptions; " +
            $"{report.Unknown} checks unknown, {report.Errors.Count} collection errors; {report.Calls.Values.Sum()} API calls in {report.Elapsed.TotalSeconds:F1} s."));
        if (exempted.Count > 0)
        {
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{exempted.Count} more exempted by policy (accepted risks, not counted above): {string.Join(", ", exempted.GroupBy(f => f.Exemption!.Id, StringComparer.Ordinal).Select(g => $"{g.Key} ×{g.Count()}"))}."));
        }

        if (report.Policy is { } policy)
        {
            console.WriteLine($"Policy: {policy.Baseline} from {policy.Source}.");
        }
    }

    private static string ShortName(string resourceId)
    {
        var parts = resourceId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var providers = Array.FindLastIndex(parts, p => p.Equals("providers", StringComparison.OrdinalIgnoreCase));
        return providers >= 0 && providers + 3 <= parts.Length
            ? string.Join('/', parts.Skip(providers + 2).Where((_, i) => i % 2 == 1))
            : resourceId;
    }

}
