using System.Diagnostics;
using AiSpm.Cli.Commands;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Commands;

/// <summary><c>aispm emulator serve</c> takes the built-in fixture names every other verb takes.</summary>
public sealed class EmulatorServeCommandTests
{
    [Fact]
    public async Task Emulator_serve_accepts_a_built_in_fixture_name_and_refuses_an_unknown_one_with_exit_2()
    {
        var info = AispmProcess.StartInfo("emulator", "serve", "--fixture", "demo-tenant", "--port", "0");
        info.RedirectStandardInput = true;

        using var emulator = Process.Start(info)!;
        string? baseUrl = null;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await emulator.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (line.Trim().StartsWith("Base URL", StringComparison.Ordinal))
                {
                    baseUrl = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                    break;
                }
            }
        }
        finally
        {
            emulator.Kill(entireProcessTree: true);
            await emulator.WaitForExitAsync();
        }

        var (unknown, _, error) = await CliRunner.RunAsync("emulator", "serve", "--fixture", "no-such-tenant");

        Assert.StartsWith("https://127.0.0.1:", baseUrl, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ConfigurationError, unknown);
        Assert.Contains("no-such-tenant", error, StringComparison.Ordinal);
    }
}
