using System.Text.Json.Nodes;
using AiSpm.Application.Configuration;
using AiSpm.Connectors.Arm;
using AiSpm.Emulator.Hosting;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Cli.Emulation;

/// <summary>
/// A tenant emulator running in a process of its own (<c>aispm emulator serve</c>, or a test's), trusted by its
/// certificate's SHA-256 thumbprint alone: an installation pointed at it keeps the tenant's state (regenerated keys,
/// new secret versions) when the installation's own process stops or is killed.
/// </summary>
public sealed class RemoteTenant(Uri arm, Uri graphV1, string thumbprint, IReadOnlyDictionary<string, Uri> vaults)
{
    /// <summary>Reads where an emulator's services listen (<c>GET /_emulator/endpoints</c>).</summary>
    /// <exception cref="ArgumentException">The address is not an https loopback URL.</exception>
    public static async Task<RemoteTenant> ConnectAsync(Uri baseUri, string thumbprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(baseUri);
        ArgumentException.ThrowIfNullOrEmpty(thumbprint);
        if (baseUri.Scheme != Uri.UriSchemeHttps || !baseUri.IsLoopback)
        {
            throw new ArgumentException($"The emulator must be an https address on this machine, not '{baseUri}'.", nameof(baseUri));
        }

        using var http = new HttpClient(PinnedCertificateHandler.Create(thumbprint));
        var endpoints = JsonNode.Parse(await http.GetStringAsync(new Uri(baseUri, "_emulator/endpoints"), cancellationToken).ConfigureAwait(false))!;
        var vaults = endpoints["vaults"]!.AsObject().ToDictionary(v => v.Key, v => new Uri(v.Value!.GetValue<string>()), StringComparer.OrdinalIgnoreCase);
        return new RemoteTenant(new Uri(endpoints["arm"]!.GetValue<string>()), new Uri(endpoints["graphV1"]!.GetValue<string>()), thumbprint, vaults);
    }

    /// <summary>A Microsoft Graph client to this emulator signed in as <paramref name="userPrincipalName"/> (a delegated token).</summary>
    public Microsoft.Graph.GraphServiceClient ConnectGraphAs(string userPrincipalName) =>
        AiSpm.Connectors.Graph.GraphClients.Create(EmulatorCredential.ForUser(userPrincipalName), graphV1, PinnedCertificateHandler.Create(thumbprint), ["127.0.0.1"]);

    /// <summary>
    /// Points an installation's cloud clients at this emulator: Resource Manager, Graph, Key Vault (rotation writes to
    /// the vault named <paramref name="rotationVault"/>, else the first). Call after <c>AddAiSpm</c>; the last registration wins.
    /// </summary>
    public IServiceCollection AddTo(IServiceCollection services, string? rotationVault = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var credential = new EmulatorCredential(TimeProvider.System);
        services.AddSingleton(sp => new ArmConnection(credential, arm, options: new ArmPipelineOptions(sp.GetService<CloudApiTimeout>()?.PerAttempt) { Transport = new HttpClientTransport(new DataPlaneRoutingHandler(arm, PinnedCertificateHandler.Create(thumbprint))) }));
        services.AddSingleton(sp => AiSpm.Connectors.Graph.GraphClients.Create(credential, graphV1, PinnedCertificateHandler.Create(thumbprint), ["127.0.0.1"], sp.GetService<CloudApiTimeout>()?.GraphCall));
        SecretClient? Vault(string name, CloudApiTimeout? timeout)
        {
            if (!vaults.TryGetValue(name, out var endpoint))
            {
                return null;
            }

            var options = new SecretClientOptions { Transport = new HttpClientTransport(PinnedCertificateHandler.Create(thumbprint)), DisableChallengeResourceVerification = true };
            if (timeout is not null)
            {
                options.Retry.NetworkTimeout = timeout.PerAttempt;
            }

            return new SecretClient(endpoint, credential, options);
        }

        var rotation = rotationVault ?? vaults.Keys.FirstOrDefault();
        services.AddSingleton(sp =>
        {
            var timeout = sp.GetService<CloudApiTimeout>();
            return new KeyVaultAccess((_, name) => Vault(name, timeout), rotation is null ? null : Vault(rotation, timeout));
        });
        return services;
    }
}
