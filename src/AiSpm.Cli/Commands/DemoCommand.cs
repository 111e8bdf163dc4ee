using AiSpm.Workflows.Models;
using System.CommandLine;
using System.Globalization;
using AiSpm.Core.Findings;
using AiSpm.Cli.Demo;
using AiSpm.Application.Scanning;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary><c>aispm demo</c>: a full scan of the built-in demo tenant as a durable FullScan orchestration, then an event-driven re-scan.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for the evidence ZIP and the HTML report.", DefaultValueFactory = _ => "aispm-demo" };
        var command = new Command("demo", "Scan the built-in demo tenant end to end: private Azurite, tenant emulator, the durable FullScan orchestration on the Azure Storage backend, findings in Table storage, Teams cards to the emulator's sink, then an Event Grid event, the targeted re-scan, the HTML report and the evidence ZIP.") { output };
        command.SetAction((p, ct) => RunAsync(p, p.GetValue(output)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, string outputDirectory, CancellationToken cancellationToken)
    {
        var cli = CliContext.From(parseResult);
        try
        {
            cli.Console.MarkupLine("[bold]AiSpm demo[/]: a full scan of the demo tenant (fixtures/demo-tenant)");
            var progress = new ConsoleProgress(cli.Console);
            var result = await new DemoRun().RunAsync(progress, outputDirectory, cancellationToken).ConfigureAwait(false);
            Render(cli.Console, result);
            return result.AuditChain.IsIntact && result.Evidence.IsValid && result.FixedAfterEvent.Status == FindingStatus.Resolved ? ExitCodes.Success : ExitCodes.VerificationFailed;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return cli.Fail(ex);
        }
    }

    private static void Render(IAnsiConsole console, DemoResult result)
    {
        var bySeverity = new Table().Title("Open findings by severity and category").AddColumn("Severity").AddColumn("Category").AddColumn(new TableColumn("Findings").RightAligned());
        foreach (var group in result.OpenFindings.GroupBy(f => (f.Finding.Severity, f.Finding.Category))
                     .OrderByDescending(g => g.Key.Severity).ThenBy(g => g.Key.Category, StringComparer.Ordinal))
        {
            bySeverity.AddRow(group.Key.Severity.ToString(), group.Key.Category, group.Count().ToString(CultureInfo.InvariantCulture));
        }

        console.Write(bySeverity);
        var top = new Table().Title("Highest-severity findings (first 15)").AddColumn("Severity").AddColumn("Rule").AddColumn("Resource").AddColumn("Finding");
        foreach (var f in result.OpenFindings.OrderByDescending(f => f.Finding.Severity).ThenBy(f => f.Finding.Key.RuleId, StringComparer.Ordinal).Take(15))
        {
            top.AddRow(f.Finding.Severity.ToString(), Markup.Escape(f.Finding.Key.RuleId), Markup.Escape(f.Finding.Key.ResourceId[(f.Finding.Key.ResourceId.LastIndexOf('/') + 1)..]), Markup.Escape(f.Finding.Detail ?? f.Finding.Title));
        }

        console.Write(top);
        var paths = new Table().Title("Attack paths (member findings joined along the asset graph)").AddColumn("Severity").AddColumn("Rule").AddColumn("At").AddColumn("Hops");
        foreach (var f in result.OpenFindings.Where(f => Core.Rules.Paths.PathRule.IsPathRule(f.Finding.Key.RuleId))
                     .OrderByDescending(f => f.Finding.Severity).ThenBy(f => f.Finding.Key.RuleId, StringComparer.Ordinal).ThenBy(f => f.Finding.Key.ResourceId, StringComparer.Ordinal))
        {
            var detail = f.Finding.Detail ?? string.Empty;
            var at = detail.LastIndexOf("Path: ", StringComparison.Ordinal);
            // The asset at risk by the name its hop carries (Graph objects have no readable id).
            var name = Core.Rules.Paths.PathEvidence.Read(f.Finding.Evidence).LastOrDefault(h => h.NodeId == f.Finding.Key.ResourceId)?.Name
                ?? f.Finding.Key.ResourceId[(f.Finding.Key.ResourceId.LastIndexOf('/') + 1)..];
            paths.AddRow(f.Finding.Severity.ToString(), Markup.Escape(f.Finding.Key.RuleId), Markup.Escape(name),
                Markup.Escape(at < 0 ? detail : detail[(at + "Path: ".Length)..].TrimEnd('.')));
        }

        console.Write(paths);
        var agents = result.OpenFindings.Where(f => f.Finding.Key.ResourceId.StartsWith(Core.Findings.FindingScope.PowerPlatformPrefix, StringComparison.OrdinalIgnoreCase)).ToList();
        if (agents.Count > 0)
        {
            var byRisk = string.Join(", ", agents.GroupBy(f => f.Finding.Key.RuleId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => $"{g.Key} ×{g.Count()}"));
            console.MarkupLineInterpolated($"Copilot Studio: {agents.Count} findings on {agents.Select(f => f.Finding.Key.ResourceId).Distinct(StringComparer.OrdinalIgnoreCase).Count()} agents read app-only from Dataverse ({byRisk}); an environment without AiSpm's application user is a coverage note (docs/copilot.md).");
        }

        var high = result.OpenFindings.Count(f => f.Finding.Severity >= Severity.High);
        console.MarkupLineInterpolated($"Posture: [bold]{result.OpenFindings.Count}[/] open findings ({high} high or critical) on {result.Assets} AI assets; run {result.Run.RunId} {result.Run.Status} with {result.Run.ShardsCompleted}/{result.Run.ShardsPlanned} shards.");
        var policy = result.Rules.Policy ?? Core.Policy.ScanPolicy.Default;
        var left = result.Rules.Rules.Where(r => !policy.Evaluates(r.Descriptor)).Select(r => r.Descriptor.Id).ToList();
        console.MarkupLineInterpolated($"Policy: {policy.Summary()}: {result.Rules.Evaluated.Count} of {result.Rules.Rules.Count} rules ran; {string.Join(", ", left)} ('enable if required') run under AiSpm.Strict ('aispm scan --fixture demo-tenant --baseline AiSpm.Strict'; a policy file: docs/policy.md).");
        console.MarkupLineInterpolated($"Event-driven re-scan: {result.FixedFinding.Key.RuleId} on oai-sandbox-playground is now [bold]{result.FixedAfterEvent.Status}[/] (was Open).");
        console.MarkupLineInterpolated($"Audit chain: {result.AuditChain}");
        console.MarkupLineInterpolated($"Teams: {result.TeamsCards} cards in the sink. Evidence: {result.EvidencePath} ({(result.Evidence.IsValid ? "verified" : "verification failed")}; check it with './scripts/aispm verify {result.EvidencePath}').");
    }

    private sealed class ConsoleProgress(IAnsiConsole console) : IDemoProgress
    {
        public void Step(string message) => console.MarkupLineInterpolated($"  [grey]•[/] {message}");

        public void ScanProgressed(ScanProgress progress)
        {
            const int width = 30;
            var filled = progress.ShardsTotal == 0 ? 0 : progress.ShardsDone * width / progress.ShardsTotal;
            console.MarkupLineInterpolated(
                $"  [green]{new string('█', filled)}[/][grey]{new string('░', width - filled)}[/] scan {progress.RunId}: {progress.ShardsDone}/{progress.ShardsTotal} shards done");
        }
    }
}
