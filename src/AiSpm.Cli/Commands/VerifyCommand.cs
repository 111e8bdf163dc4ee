using System.CommandLine;
using AiSpm.Application.Exports;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary><c>aispm verify FILE.zip</c>: recomputes every hash of an evidence ZIP and its audit chain; exit 5 on any mismatch.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var zip = new Argument<FileInfo>("zip") { Description = "The evidence ZIP written by 'aispm export'." };
        var command = new Command("verify", "Check an evidence ZIP: the SHA-256 of every file against its manifest, and the audit hash chain.") { zip };
        command.SetAction((p, ct) => RunAsync(p, p.GetValue(zip)!, ct));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, FileInfo zip, CancellationToken cancellationToken)
    {
        var cli = CliContext.From(parseResult);
        if (!zip.Exists)
        {
            await cli.Error.WriteLineAsync($"aispm: {zip.Name}: no such file").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }

        EvidenceVerification result;
        var stream = zip.OpenRead();
        await using (stream.ConfigureAwait(false))
        {
            result = await EvidenceVerifier.VerifyAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        if (result.IsValid)
        {
            cli.Console.WriteLine($"{zip.Name}: verified: {result.FilesChecked} files match the manifest; audit chain intact ({result.AuditEntries} entries).");
            return ExitCodes.Success;
        }

        foreach (var problem in result.Problems)
        {
            await cli.Error.WriteLineAsync($"aispm: {zip.Name}: {problem}").ConfigureAwait(false);
        }

        cli.Console.WriteLine($"{zip.Name}: verification FAILED ({result.Problems.Count} problem{(result.Problems.Count == 1 ? string.Empty : "s")}).");
        return ExitCodes.VerificationFailed;
    }
}
