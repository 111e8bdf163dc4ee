using System.Diagnostics;
using System.IO.Compression;
using System.Reflection;
using AiSpm.Cli.Commands;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Commands;

/// <summary>
/// The README's exit-code sentence is the code's, and each code is what <c>./scripts/aispm</c> (the README's way to run
/// the CLI) returns in the situation the README names.
/// </summary>
public sealed class DocumentedCommandsTests
{
    private const string ClosedStorage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1";

    [Fact]
    public void The_readme_lists_exactly_the_exit_codes_the_cli_uses()
    {
        var inCode = typeof(ExitCodes).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (int)f.GetRawConstantValue()!).Order();

        Assert.Equal(inCode, DocumentedContract.ExitCodes().Keys.Order());
    }

    [Fact]
    public async Task Each_documented_exit_code_is_what_the_documented_command_returns()
    {
        var work = Directory.CreateTempSubdirectory("aispm-exit-");
        try
        {
            var noManifest = Path.Combine(work.FullName, "no-manifest.zip");
            using (var zip = ZipFile.Open(noManifest, ZipArchiveMode.Create))
            {
                zip.CreateEntry("findings.csv");
            }

            var documented = DocumentedContract.ExitCodes();
            var cases = new (int Code, string[] Arguments, Dictionary<string, string> Environment)[]
            {
                (ExitCodes.Success, ["rules", "list"], []),
                (ExitCodes.FindingsAtThreshold, ["scan", "--fixture", "demo-tenant", "--fail-on", "high", "--output", "json"], []),
                (ExitCodes.ConfigurationError, ["scan", "--fixture"], []),
                (ExitCodes.ConfigurationError, ["scan", "--fixture", "demo-tenant"], new() { ["AISPM_API_TIMEOUT_SECONDS"] = "forever" }),
                (ExitCodes.ServiceError, ["storage", "check", "--connection-string", ClosedStorage], []),
                (ExitCodes.PrerequisiteMissing, ["report", "--fixture", "demo-tenant", "--out", Path.Combine(work.FullName, "r.html")], new() { ["AISPM_AZURITE"] = Path.Combine(work.FullName, "no-azurite") }),
                (ExitCodes.VerificationFailed, ["verify", noManifest], []),
            };

            foreach (var (code, arguments, environment) in cases)
            {
                var (exitCode, error) = await RunAsync(arguments, environment, work.FullName);
                Assert.True(exitCode == code, $"'aispm {string.Join(' ', arguments)}' exited {exitCode}, the README's '{documented[code]}' is {code}: {error}");
                if (code >= ExitCodes.ConfigurationError)
                {
                    Assert.StartsWith("aispm: ", error, StringComparison.Ordinal);
                    Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
                }
            }
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Runs the README's <c>./scripts/aispm</c> with a clean AiSpm environment.</summary>
    private static async Task<(int ExitCode, string Error)> RunAsync(string[] arguments, Dictionary<string, string> environment, string workingDirectory)
    {
        var info = new ProcessStartInfo(Path.Combine(RepositoryRoot.Path, "scripts", "aispm"))
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AISPM_", StringComparison.Ordinal) || k.StartsWith("AzureWebJobs", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await error);
    }
}
