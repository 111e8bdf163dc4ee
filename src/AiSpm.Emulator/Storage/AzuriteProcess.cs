using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace AiSpm.Emulator.Storage;

/// <summary>
/// A private Azurite (the Azure Storage emulator, pinned in tools/azurite) on free loopback ports, in memory,
/// with telemetry off. Disposing stops it. Used by the CLI's local runs, the tests and the benchmarks; never by
/// the deployed app.
/// </summary>
public sealed partial class AzuriteProcess : IAsyncDisposable
{
    private readonly Process _process;

    private AzuriteProcess(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    /// <summary>Loopback port of the Blob service.</summary>
    public int BlobPort { get; }

    /// <summary>Loopback port of the Queue service.</summary>
    public int QueuePort { get; }

    /// <summary>Loopback port of the Table service.</summary>
    public int TablePort { get; }

    /// <summary>Operating-system process id of the node process.</summary>
    public int ProcessId => _process.Id;

    /// <summary>The well-known Azurite development account (public, documented by Microsoft; not a secret).</summary>
    public const string DevelopmentAccountName = "devstoreaccount1";

    /// <summary>The well-known Azurite development key (public, documented by Microsoft; not a secret).</summary>
    public const string DevelopmentAccountKey =
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>A connection string for the well-known development account on this instance's ports.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevelopmentAccountName};AccountKey={DevelopmentAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{DevelopmentAccountName};" +
        $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{DevelopmentAccountName};" +
        $"TableEndpoint=http://127.0.0.1:{TablePort}/{DevelopmentAccountName};";

    /// <summary>
    /// The key Azurite knows a named account by (<paramref name="accountName"/> given to <see cref="StartAsync"/>): derived
    /// from the name, a development key like <see cref="DevelopmentAccountKey"/>, not a secret.
    /// </summary>
    public static string AccountKeyOf(string accountName) =>
        Convert.ToBase64String(System.Security.Cryptography.SHA512.HashData(System.Text.Encoding.UTF8.GetBytes("azurite-account|" + accountName)));

    /// <summary>The Blob service URI of an account on this instance (path style: <c>http://127.0.0.1:{port}/{account}</c>).</summary>
    public Uri BlobServiceUri(string accountName) => new($"http://127.0.0.1:{BlobPort}/{accountName}");

    /// <summary>Finds the pinned Azurite and starts it; waits until all three services listen.</summary>
    /// <param name="executable">The launcher (null: <see cref="Locate"/>).</param>
    /// <param name="timeout">How long to wait for the three services (null: 60 s).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <param name="accounts">Storage accounts to serve besides the development account (keys: <see cref="AccountKeyOf"/>), so blobs keep their real account names.</param>
    /// <exception cref="AzuriteUnavailableException">Azurite is not installed or did not start; the message says how to fix it.</exception>
    public static async Task<AzuriteProcess> StartAsync(string? executable = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default, IReadOnlyCollection<string>? accounts = null)
    {
        executable ??= Locate();
        // Azurite dies with this process, even on kill -9: a small sh guard starts it and holds the read end of a pipe
        // whose write end only this process has; when this process is gone, the pipe closes and the guard stops Azurite.
        // It continues Azurite after asking it to end: a stopped process (SIGSTOP, or SIGTTOU/SIGTTIN under a shell with
        // job control) would otherwise hold the request and outlive everything. Where util-linux's setpriv is found, Azurite
        // also gets SIGKILL from the kernel when the guard itself dies: a process-tree kill (Process.Kill(true) stops each
        // process, then kills it) can take the guard down before its cleanup runs and leave Azurite stopped.
        var guarded = !OperatingSystem.IsWindows() && File.Exists("/bin/sh");
        var startInfo = new ProcessStartInfo(guarded ? "/bin/sh" : executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = guarded,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        if (guarded)
        {
            startInfo.ArgumentList.Add("-c");
            startInfo.ArgumentList.Add("if command -v setpriv >/dev/null 2>&1; then setpriv --pdeathsig KILL -- \"$@\" & else \"$@\" & fi; child=$!; "
                + "cat >/dev/null; kill $child 2>/dev/null; kill -CONT $child 2>/dev/null; wait $child");
            startInfo.ArgumentList.Add("azurite-guard");
            startInfo.ArgumentList.Add(executable);
        }

        foreach (var argument in new[]
                 {
                     "--disableTelemetry", "--inMemoryPersistence", "--skipApiVersionCheck", "--silent",
                     "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
                     "--blobPort", "0", "--queuePort", "0", "--tablePort", "0",
                 })
        {
            startInfo.ArgumentList.Add(argument);
        }

        if (accounts is { Count: > 0 })
        {
            // Azurite serves only the accounts listed here once the variable is set, so the development account stays in the list.
            startInfo.Environment["AZURITE_ACCOUNTS"] = string.Join(';', accounts.Prepend(DevelopmentAccountName).Distinct(StringComparer.Ordinal)
                .Select(a => $"{a}:{(a == DevelopmentAccountName ? DevelopmentAccountKey : AccountKeyOf(a))}"));
        }

        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new AzuriteUnavailableException($"Could not start '{executable}'.");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new AzuriteUnavailableException($"Could not start Azurite at '{executable}': {ex.Message}. Is Node.js 20 installed?");
        }

        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ready.TrySetException(new AzuriteUnavailableException($"Azurite exited before it was ready. Output:\n{output}"));
                return;
            }

            if (ready.Task.IsCompleted)
            {
                // Started: what it writes now is not kept (a long-running instance would otherwise hold all of it).
                return;
            }

            lock (output)
            {
                output.AppendLine(e.Data);
                var match = ListeningLine().Match(e.Data);
                if (match.Success)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && !ready.Task.IsCompleted)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await ready.Task.WaitAsync(timeout ?? TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or AzuriteUnavailableException or OperationCanceledException)
        {
            Kill(process);
            if (ex is AzuriteUnavailableException)
            {
                throw;
            }

            throw new AzuriteUnavailableException($"Azurite did not report its ports in time. Output so far:\n{output}");
        }

        return new AzuriteProcess(process, ports["Blob"], ports["Queue"], ports["Table"]);
    }

    /// <summary>
    /// The Azurite launcher to use: <c>AISPM_AZURITE</c> if set, else <c>tools/azurite/node_modules/.bin/azurite</c>
    /// found upward from the current directory or the application's directory.
    /// </summary>
    public static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("AISPM_AZURITE");
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured)
                ? configured
                : throw new AzuriteUnavailableException($"AISPM_AZURITE points at '{configured}', which does not exist.");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var tools = Path.Combine(dir.FullName, "tools", "azurite");
                if (!File.Exists(Path.Combine(tools, "package.json")))
                {
                    continue;
                }

                var bin = Path.Combine(tools, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");
                return File.Exists(bin)
                    ? bin
                    : throw new AzuriteUnavailableException($"Azurite is not installed in '{tools}'. Run: npm ci --prefix tools/azurite");
            }
        }

        throw new AzuriteUnavailableException("Could not find tools/azurite above the current directory. Run AiSpm from its repository, or set AISPM_AZURITE to an azurite executable.");
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Kill(_process);
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The process is gone from our point of view; nothing else to release.
        }

        _process.Dispose();
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at https?://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
