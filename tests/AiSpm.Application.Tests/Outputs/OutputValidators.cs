using System.Diagnostics;
using System.Text.Json;

namespace AiSpm.Application.Tests.Outputs;

/// <summary>
/// The published validators in tools/schema-validation (installed by scripts/ensure-node-tool.sh schema-validation):
/// ajv against a JSON Schema, the Adaptive Cards SDK against Teams messages, and the SARIF Multitool's own rules.
/// Each call writes the document to a temporary file and runs the validator as a process.
/// </summary>
internal static class OutputValidators
{
    /// <summary>The SARIF 2.1.0 schema shipped with the SARIF Multitool package (the validator resolves it).</summary>
    public const string SarifSchema = "sarif-2.1.0";

    /// <summary>The OCSF Detection Finding schema generated from OCSF 1.4.0 (see Outputs/Schemas/README.md).</summary>
    public static string OcsfDetectionFindingSchema { get; } = Path.Combine(AppContext.BaseDirectory, "Outputs", "Schemas", "ocsf-1.4.0-detection_finding.schema.json");

    private static readonly Lazy<string> ToolsDirectory = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var tools = Path.Combine(dir.FullName, "tools", "schema-validation");
            if (File.Exists(Path.Combine(tools, "validate.mjs")))
            {
                return Directory.Exists(Path.Combine(tools, "node_modules"))
                    ? tools
                    : throw new InvalidOperationException($"The validators are not installed in '{tools}'. Run: scripts/ensure-node-tool.sh schema-validation");
            }
        }

        throw new InvalidOperationException("Could not find tools/schema-validation above the test directory.");
    });

    /// <summary>Validates <paramref name="json"/> against a JSON Schema file (or <see cref="SarifSchema"/>); <paramref name="each"/> validates every element of a top-level array.</summary>
    public static Task<ValidationReport> AgainstSchemaAsync(string schema, string json, bool each = false) =>
        RunNodeAsync(json, ["validate.mjs", "--schema", schema, .. each ? new[] { "--each" } : []]);

    /// <summary>Validates one Workflows message, or an array of them, with the Adaptive Cards SDK.</summary>
    public static Task<ValidationReport> AdaptiveCardsAsync(string json) => RunNodeAsync(json, ["validate-card.mjs"]);

    /// <summary>Runs <c>Sarif.Multitool validate</c> on a log and returns its error- and warning-level results.</summary>
    public static async Task<IReadOnlyList<(string Level, string RuleId, string Message)>> SarifMultitoolAsync(string sarif)
    {
        var platform = OperatingSystem.IsWindows() ? "win32" : OperatingSystem.IsMacOS() ? "darwin" : "linux";
        var tool = Path.Combine(ToolsDirectory.Value, "node_modules", "@microsoft", $"sarif-multitool-{platform}", OperatingSystem.IsWindows() ? "Sarif.Multitool.exe" : "Sarif.Multitool");
        Assert.True(File.Exists(tool), $"The SARIF Multitool is not installed at '{tool}'. Run: scripts/ensure-node-tool.sh schema-validation");
        var input = Path.Combine(Path.GetTempPath(), $"aispm-{Guid.NewGuid():N}.sarif");
        var output = input + ".validation.sarif";
        await File.WriteAllTextAsync(input, sarif);
        try
        {
            var (exitCode, stdout, stderr) = await RunAsync(tool, ToolsDirectory.Value, ["validate", input, "--output", output, "--level", "Error;Warning"]);
            Assert.True(exitCode == 0 && File.Exists(output), $"Sarif.Multitool validate failed ({exitCode}): {stdout} {stderr}");
            using var log = JsonDocument.Parse(await File.ReadAllTextAsync(output));
            var run = log.RootElement.GetProperty("runs")[0];
            var notifications = run.GetProperty("invocations")[0].TryGetProperty("toolExecutionNotifications", out var n) ? n.GetArrayLength() : 0;
            Assert.True(notifications == 0, $"Sarif.Multitool reported execution problems: {run.GetProperty("invocations")[0]}");
            return run.TryGetProperty("results", out var results)
                ? results.EnumerateArray().Select(r => (
                    r.TryGetProperty("level", out var level) ? level.GetString()! : "warning",
                    r.GetProperty("ruleId").GetString()!,
                    r.GetProperty("message").TryGetProperty("text", out var text) ? text.GetString()! : string.Join(",", r.GetProperty("message").GetProperty("arguments").EnumerateArray().Select(a => a.GetString())))).ToList()
                : [];
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    private static async Task<ValidationReport> RunNodeAsync(string json, string[] arguments)
    {
        var document = Path.Combine(Path.GetTempPath(), $"aispm-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(document, json);
        try
        {
            var (exitCode, stdout, stderr) = await RunAsync("node", ToolsDirectory.Value, [.. arguments, document]);
            Assert.True(exitCode is 0 or 1, $"{arguments[0]} could not run ({exitCode}): {stderr}");
            using var report = JsonDocument.Parse(stdout);
            var errors = report.RootElement.GetProperty("errors").EnumerateArray()
                .Select(e => string.Join(" ", e.EnumerateObject().Where(p => p.Name != "document" && p.Value.ValueKind != JsonValueKind.Null).Select(p => $"{p.Name}={p.Value}")))
                .ToList();
            return new ValidationReport(exitCode == 0 && report.RootElement.GetProperty("valid").GetBoolean(), errors);
        }
        finally
        {
            File.Delete(document);
        }
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string fileName, string workingDirectory, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}

/// <summary>What a validator said: valid, or the errors it named (path, keyword or event, message).</summary>
internal sealed record ValidationReport(bool Valid, IReadOnlyList<string> Errors)
{
    public override string ToString() => Valid ? "valid" : string.Join(Environment.NewLine, Errors.Take(20));
}
