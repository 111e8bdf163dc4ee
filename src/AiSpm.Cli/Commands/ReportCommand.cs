using AiSpm.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using System.CommandLine;
using AiSpm.Application.Reports;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary><c>aispm report --out FILE.html [--fixture NAME]</c>: the self-contained HTML posture report.</summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "The HTML file to write.", DefaultValueFactory = _ => new FileInfo("aispm-report.html") };
        var fixture = new Option<string?>("--fixture") { Description = "Scan a fixture tenant (e.g. demo-tenant) into a private Azurite first and report on that, instead of the installation's storage." };
        var command = new Command("report", "Write the HTML posture report: charts by severity, category, trend and top resources, framework status, inventory, findings. Opens offline.") { output, fixture };
        command.SetAction((p, ct) => RunAsync(p, p.GetValue(output)!, p.GetValue(fixture), ct));
        return command;
    }

    private static Task<int> RunAsync(ParseResult parseResult, FileInfo output, string? fixture, CancellationToken cancellationToken)
    {
        var cli = CliContext.From(parseResult);
        return InstallationRuntime.RunAsync(cli, fixture, async (services, _) =>
        {
            var model = await ReportModel.LoadAsync(services.GetRequiredService<IFindingStore>(), services.GetRequiredService<IAssetStore>(), services.GetRequiredService<IScanRunStore>(), services.GetRequiredService<ISuppressionStore>(), cancellationToken: cancellationToken, rules: services.GetRequiredService<AiSpm.Core.Rules.RuleCatalog>()).ConfigureAwait(false);
            output.Directory?.Create();
            await File.WriteAllTextAsync(output.FullName, HtmlReport.Render(model), cancellationToken).ConfigureAwait(false);
            cli.Console.WriteLine($"Report written to {output.Name}: {model.Open.Count} open findings, {model.Assets.Count} AI assets, {model.Frameworks.Count} frameworks.");
            return ExitCodes.Success;
        }, cancellationToken);
    }
}
