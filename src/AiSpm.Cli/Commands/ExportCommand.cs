using Microsoft.Extensions.DependencyInjection;
using System.CommandLine;
using AiSpm.Application.Exports;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary>
/// <c>aispm export --out FILE.zip [--fixture NAME]</c>: the evidence ZIP of an installation (its storage settings), or,
/// with <c>--fixture</c>, of a full scan of a fixture tenant into a private Azurite.
/// </summary>
internal static class ExportCommand
{
    public static Command Create()
    {
        var output = new Option<FileInfo>("--out") { Description = "The ZIP file to write.", Required = true };
        var fixture = new Option<string?>("--fixture") { Description = "Scan a fixture tenant (e.g. demo-tenant) into a private Azurite first and export that, instead of the installation's storage." };
        var command = new Command("export", "Write the evidence ZIP: findings (CSV, OCSF), inventory, framework control status, suppressions, scan runs, audit chain and a SHA-256 manifest.") { output, fixture };
        command.SetAction((p, ct) => RunAsync(p, p.GetValue(output)!, p.GetValue(fixture), ct));
        return command;
    }

    private static Task<int> RunAsync(ParseResult parseResult, FileInfo output, string? fixture, CancellationToken cancellationToken)
    {
        var cli = CliContext.From(parseResult);
        return InstallationRuntime.RunAsync(cli, fixture, async (services, scanned) =>
        {
            if (scanned is not null)
            {
                cli.Console.WriteLine($"Scanned fixture '{fixture}' (run {scanned.RunId}).");
            }

            output.Directory?.Create();
            var file = new FileStream(output.FullName, FileMode.Create, FileAccess.Write, FileShare.None);
            EvidenceManifest manifest;
            await using (file.ConfigureAwait(false))
            {
                manifest = await services.GetRequiredService<EvidenceExporter>().ExportAsync(file, cancellationToken).ConfigureAwait(false);
            }

            cli.Console.WriteLine($"Evidence written to {output.Name}: {manifest.Files.Count + 1} files, {manifest.AuditEntries} audit entries, tool {manifest.Tool} {manifest.ToolVersion}.");
            return ExitCodes.Success;
        }, cancellationToken);
    }
}
