using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AiSpm.Core.Secrets;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary>
/// <c>aispm scan-code PATH</c>: scans files (a repository checkout, build output) for AI provider keys with the same
/// detectors as the tenant scan, for CI pipelines: exit 1 when anything is found. Prints file, line, detector and a
/// masked hint, never the value.
/// </summary>
internal static class ScanCodeCommand
{
    private static readonly HashSet<string> SkippedFolders = new(StringComparer.OrdinalIgnoreCase) { ".git", "node_modules", "bin", "obj", ".vs", ".idea", "TestResults" };
    private const long MaxFileBytes = 2 * 1024 * 1024;

    public static Command Create()
    {
        var path = new Argument<string>("path") { Description = "File or folder to scan." };
        var json = new Option<bool>("--json") { Description = "Print JSON lines instead of a table." };
        var command = new Command("scan-code", "Scan files for exposed AI keys (exit 1 when any is found).") { path, json };
        command.SetAction(async (p, ct) =>
        {
            var cli = CliContext.From(p);
            var root = Path.GetFullPath(p.GetValue(path)!);
            if (!File.Exists(root) && !Directory.Exists(root))
            {
                await cli.Error.WriteLineAsync($"aispm: '{root}' does not exist.").ConfigureAwait(false);
                return ExitCodes.ConfigurationError;
            }

            using var fingerprinter = new SecretFingerprinter(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
            var scanner = new SecretScanner(fingerprinter);
            var table = new Table().AddColumn("File").AddColumn("Line").AddColumn("Detector").AddColumn("Hint");
            var found = 0;
            var files = 0;
            foreach (var file in Files(root))
            {
                ct.ThrowIfCancellationRequested();
                string text;
                try
                {
                    if (new FileInfo(file).Length > MaxFileBytes || LooksBinary(file))
                    {
                        continue;
                    }

                    text = await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    continue;
                }

                files++;
                var relative = File.Exists(root) ? Path.GetFileName(file) : Path.GetRelativePath(root, file);
                foreach (var match in scanner.ScanText(text))
                {
                    found++;
                    if (p.GetValue(json))
                    {
                        await p.InvocationConfiguration.Output.WriteLineAsync(JsonSerializer.Serialize(new
                        {
                            file = relative, line = match.Line, column = match.Column, detector = match.DetectorId, provider = match.Provider.ToString(),
                            confidence = match.Confidence.ToString(), hint = match.Hint, fingerprint = match.Fingerprint.Value,
                        }, CliJson.Options)).ConfigureAwait(false);
                    }
                    else
                    {
                        table.AddRow(Markup.Escape(relative), match.Line.ToString(CultureInfo.InvariantCulture), Markup.Escape(match.DetectorId), Markup.Escape(match.Hint));
                    }
                }
            }

            if (!p.GetValue(json))
            {
                if (found > 0)
                {
                    cli.Console.Write(table);
                }

                cli.Console.WriteLine($"{found} exposed keys in {files} files.");
            }

            return found > 0 ? ExitCodes.FindingsAtThreshold : ExitCodes.Success;
        });
        return command;
    }

    private static IEnumerable<string> Files(string root)
    {
        if (File.Exists(root))
        {
            yield return root;
            yield break;
        }

        var pending = new Stack<string>([root]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            IEnumerable<string> entries;
            try
            {
                entries = Directory.EnumerateFileSystemEntries(dir).ToList();
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            foreach (var entry in entries)
            {
                if (Directory.Exists(entry))
                {
                    if (!SkippedFolders.Contains(Path.GetFileName(entry)))
                    {
                        pending.Push(entry);
                    }
                }
                else
                {
                    yield return entry;
                }
            }
        }
    }

    private static bool LooksBinary(string file)
    {
        Span<byte> head = stackalloc byte[512];
        using var stream = File.OpenRead(file);
        var read = stream.Read(head);
        return head[..read].Contains((byte)0);
    }
}
