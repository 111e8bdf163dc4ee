using System.Diagnostics;
using AiSpm.Cli.Commands;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Hosting;

/// <summary><c>aispm serve</c> refuses a bad key, port or busy port with exit 2 and one line naming it, instead of replacing or crashing.</summary>
public sealed class ServeSettingsTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private async Task<(int ExitCode, string Error)> ServeAsync(IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var info = AispmProcess.StartInfo(["serve", .. arguments]);

        info.Environment["AzureWebJobsStorage"] = azurite.ConnectionString;
        info.Environment["AzureWebJobsStorage__tablePrefix"] = "s" + Guid.NewGuid().ToString("N")[..10];
        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await error);
    }

    [Fact]
    public async Task A_short_api_key_an_impossible_port_and_a_busy_port_exit_2_naming_them()
    {
        var shortKey = await ServeAsync(new Dictionary<string, string> { ["AISPM_LOCAL_API_KEY"] = "short" }, "--port", "0");
        var impossible = await ServeAsync(new Dictionary<string, string>(), "--port", "99999");
        using var busy = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        busy.Start();
        var taken = ((System.Net.IPEndPoint)busy.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var inUse = await ServeAsync(new Dictionary<string, string>(), "--port", taken);

        Assert.Equal(ExitCodes.ConfigurationError, shortKey.ExitCode);
        Assert.Contains("AISPM_LOCAL_API_KEY", shortKey.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ConfigurationError, impossible.ExitCode);
        Assert.Contains("--port", impossible.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.ConfigurationError, inUse.ExitCode);
        Assert.Contains($"port {taken}", inUse.Error, StringComparison.Ordinal);
    }
}
