using System.Diagnostics;
using System.Text;

namespace AiSpm.Testing;

/// <summary>
/// <c>aispm serve</c> (by default on the demo tenant in its own emulator) as a child process, for tests that kill it
/// with SIGKILL and start it again over the same storage. It listens on a port it picks itself (<c>--port 0</c>) and
/// prints: the client talks to the address this process printed, never to another test's server that took a port
/// first. Its output is collected, and <see cref="Client"/> carries its key.
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

    /// <summary>The server's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the server with <paramref name="settings"/> as its environment and <paramref name="tenant"/> as the
    /// arguments that name its tenant, and waits until it listens; its output goes to <paramref name="logs"/>.
    /// </summary>
    public static async Task<ServeProcess> StartAsync(IReadOnlyDictionary<string, string> settings, StringBuilder logs, params string[] tenant)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(logs);
        var info = AispmProcess.StartInfo(["serve", .. tenant.Length > 0 ? tenant : ["--fixture", "demo-tenant"], "--port", "0"]);

        info.Environment["AISPM_LOCAL_API_KEY"] = Key;
        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("aispm serve did not start.");
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (logs)
            {
                logs.AppendLine(e.Data);
            }

            if (e.Data is { } line && line.StartsWith("aispm serving on ", StringComparison.Ordinal))
            {
                listening.TrySetResult(new Uri(line["aispm serving on ".Length..].TrimEnd('.')));
            }
        };
        process.ErrorDataReceived += (_, e) => { lock (logs) { logs.AppendLine(e.Data); } };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException("aispm serve exited before it listened."));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        Uri address;
        try
        {
            address = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            process.Kill(entireProcessTree: true);
            process.Dispose();
            throw new TimeoutException("aispm serve did not start listening:\n" + logs, ex);
        }

        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Add("x-functions-key", Key);
        return new ServeProcess(process, client);
    }

    /// <summary>Kills the server with SIGKILL (no shutdown code runs) and waits for it to exit; alone, or with every process it started.</summary>
    public async Task KillAsync(bool entireProcessTree = true)
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree);
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
