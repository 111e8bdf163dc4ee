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
        var output = new Option<FileInfo>("--out") { Description = "The file to write (a ZIP, or with --format cyclonedx a JSON file).", Required = true };
        var format = new Option<string>("--format") { Description = "evidence (the ZIP, default) or cyclonedx (only the AI-BOM, CycloneDX 1.6 JSON).", DefaultValueFactory = _ => "evidence" };
        format.AcceptOnlyFromAmong("evidence", "cyclonedx");
        var fixture = new Option<string?>("--fixture") { Description = "Scan a fixture tenant (e.g. demo-tenant) into a private Azurite first and export that, instead of the installation's storage." };
        var command = new Command("export", "Write the evidence ZIP: findings (CSV, OCSF), inventory, framework control status, suppressions, scan runs, audit chain and a SHA-256 manifest.") { output, fixture, format };
        command.SetAction((p, ct) => RunAsync(p, p.GetValue(output)!, p.GetValue(fixture), p.GetValue(format) == "cyclonedx", ct));
        return command;
    }

    private static Task<int> RunAsync(ParseResult parseResult, FileInfo output, string? fixture, bool bomOnly, CancellationToken cancellationToken)
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
            if (bomOnly)
            {
                await using (file.ConfigureAwait(false))
                {
                    await services.GetRequiredService<EvidenceExporter>().ExportBomAsync(file, cancellationToken).ConfigureAwait(false);
                }

                cli.Console.WriteLine($"AI-BOM (CycloneDX {CycloneDxBom.SpecVersion}) written to {output.Name}.");
                return ExitCodes.Success;
            }

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
