using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiSpm.Testing;

/// <summary>
/// <c>aispm serve</c> (by default on the demo tenant in its own emulator) as a child process on a free loopback port, for tests that kill it with
/// SIGKILL and start it again over the same storage: its output is collected, and <see cref="Client"/> carries its key.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    /// <summary>The API key every started server uses.</summary>
    public const string Key = "serve-test-key-0123456789";

    private readonly Process _process;

    private ServeProcess(Process process, HttpClient client)
    {
        _process = process;
        Client = client;
    }

    /// <summary>A client for the server's API (base address and key set).</summary>
    public HttpClient Client { get; }

    /// <summary>
    /// Starts the server with <paramref name="settings"/> as its environment and <paramref name="tenant"/> as the
    /// arguments that name its tenant, and waits until it listens; its output goes to <paramref name="logs"/>.
    /// </summary>
    public static async Task<ServeProcess> StartAsync(int port, IReadOnlyDictionary<string, string> settings, StringBuilder logs, params string[] tenant)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logs);
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] arguments = [Path.Combine(AppContext.BaseDirectory, "aispm.dll"), "serve", .. tenant.Length > 0 ? tenant : ["--fixture", "demo-tenant"], "--port", port.ToString(CultureInfo.InvariantCulture)];
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment["AISPM_LOCAL_API_KEY"] = Key;
        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("aispm serve did not start.");
        process.OutputDataReceived += (_, e) => { lock (logs) { logs.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (logs) { logs.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        client.DefaultRequestHeaders.Add("x-functions-key", Key);
        var served = new ServeProcess(process, client);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await client.GetAsync("/")).IsSuccessStatusCode)
                {
                    return served;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (process.HasExited)
            {
                break;
            }

            await Task.Delay(100);
        }

        await served.DisposeAsync();
        throw new TimeoutException("aispm serve did not start listening:\n" + logs);
    }

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Kills the server with SIGKILL (no shutdown code runs) and waits for it to exit.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        Client.Dispose();
        _process.Dispose();
    }
}
