using System.Diagnostics;
using System.Text.Json.Nodes;
using AiSpm.Cli.Emulation;
using AiSpm.Connectors.Arm;
using AiSpm.Emulator.Hosting;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Bench.Durable;

/// <summary>
/// The tenant emulator in a process of its own (<c>aispm emulator serve</c>), so the app's memory is measured without
/// it; the app's real SDK clients reach it over HTTPS, trusting exactly its certificate.
/// </summary>
internal sealed class RemoteEmulator : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Dictionary<string, Uri> _vaults;

    private RemoteEmulator(Process process, Uri baseUri, Uri graphV1, string thumbprint, Dictionary<string, Uri> vaults)
    {
        _process = process;
        BaseUri = baseUri;
        GraphV1 = graphV1;
        Thumbprint = thumbprint;
        _vaults = vaults;
    }

    public Uri BaseUri { get; }

    public Uri GraphV1 { get; }

    public string Thumbprint { get; }

    /// <summary>Starts <c>aispm emulator serve</c> on <paramref name="fixture"/> with the throttle models off and reads where it listens.</summary>
    public static async Task<RemoteEmulator> StartAsync(string fixture, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "aispm.dll"), "emulator", "serve", "--fixture", fixture, "--no-throttling" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start the emulator");
        Uri? baseUri = null, graph = null;
        string? thumbprint = null;
        var vaults = new Dictionary<string, Uri>(StringComparer.OrdinalIgnoreCase);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(5));
        while (await process.StandardOutput.ReadLineAsync(timeout.Token).ConfigureAwait(false) is { } line)
        {
            var text = line.Trim();
            if (text.StartsWith("Base URL", StringComparison.Ordinal))
            {
                baseUri = new Uri(text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            }
            else if (text.StartsWith("Microsoft Graph:", StringComparison.Ordinal))
            {
                graph = new Uri(text["Microsoft Graph:".Length..].Trim().Split(' ')[0]);
            }
            else if (text.StartsWith("Key Vault ", StringComparison.Ordinal))
            {
                var name = text["Key Vault ".Length..text.IndexOf(':', StringComparison.Ordinal)];
                vaults[name] = new Uri(text[(text.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
            }
            else if (text.StartsWith("Certificate SHA-256 thumbprint:", StringComparison.Ordinal))
            {
                thumbprint = text["Certificate SHA-256 thumbprint:".Length..].Trim();
            }
            else if (text.StartsWith("Press Ctrl+C", StringComparison.Ordinal))
            {
                break;
            }
        }

        if (baseUri is null || graph is null || thumbprint is null)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("the emulator did not print where it listens: " + await process.StandardError.ReadToEndAsync(cancellationToken).ConfigureAwait(false));
        }

        _ = process.StandardOutput.ReadToEndAsync(CancellationToken.None); // keep draining
        return new RemoteEmulator(process, baseUri, graph, thumbprint, vaults);
    }

    /// <summary>Points an installation's cloud clients at this emulator (Resource Manager, Graph, Key Vault).</summary>
    public IServiceCollection AddTo(IServiceCollection services) => new RemoteTenant(BaseUri, GraphV1, Thumbprint, _vaults).AddTo(services);

    /// <summary>Requests served so far, per route template (<c>GET /_emulator/stats</c>).</summary>
    public async Task<IReadOnlyDictionary<string, long>> RoutesAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient(PinnedCertificateHandler.Create(Thumbprint));
        var stats = JsonNode.Parse(await http.GetStringAsync(new Uri(BaseUri, "_emulator/stats"), cancellationToken).ConfigureAwait(false))!;
        return stats["routes"]!.AsObject().ToDictionary(r => r.Key, r => r.Value!.GetValue<long>(), StringComparer.Ordinal);
    }

    /// <summary>The emulator process's peak resident memory (VmHWM), MiB; 0 where /proc is not there.</summary>
    public double PeakRssMiB() => Scale.ProcessMemory.PeakMiB(_process.Id);

    /// <summary>Operating-system process id of the emulator.</summary>
    public int ProcessId => _process.Id;

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }
}
