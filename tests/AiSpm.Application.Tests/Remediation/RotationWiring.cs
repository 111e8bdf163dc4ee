using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Remediation;
using AiSpm.Core.Secrets;
using AiSpm.Application.Remediation;
using AiSpm.Testing;
using Microsoft.Extensions.Logging;

namespace AiSpm.Application.Tests.Remediation;

/// <summary>What the rotation tests share: the rotation listener wired to a harness, a full scan, and a data-plane call with a key.</summary>
internal static class RotationWiring
{
    /// <summary>The demo tenant's vault holding the AI keys consumers read.</summary>
    public const string Vault = "kv-contoso-ai-prod";

    /// <summary>Adds a key-rotation listener in <paramref name="mode"/> to the harness's coordinator, posting its cards to the Teams sink's "rotation" hook.</summary>
    public static (KeyRotationListener Listener, SecretFingerprinter Fingerprinter) Wire(ScanHarness harness, RotationMode mode, ILogger<KeyRotationListener>? logger = null)
    {
        var runtime = harness;
        var fingerprinter = new SecretFingerprinter(runtime.Options.FingerprintKey!);
        var rotator = new AccountKeyRotator(new ArmRestClient(harness.Tenant.ConnectArm()), harness.Tenant.ConnectVault(Vault), fingerprinter, runtime.Rotations, runtime.Audit);
        var teams = new AiSpm.Connectors.Teams.TeamsWebhookClient(harness.Tenant.Server.TeamsWebhookUri("rotation"),
            new AiSpm.Connectors.Teams.TeamsWebhookOptions { Transport = new Azure.Core.Pipeline.HttpClientTransport(harness.Tenant.Server.CreateHandler()) });
        var listener = new KeyRotationListener(runtime.Findings, rotator, new RotationPolicy { Mode = mode }, logger, teams);
        runtime.Coordinator.AddListener(listener);
        return (listener, fingerprinter);
    }

    /// <summary>The demo tenant's Azure OpenAI account whose keys the rotation tests rotate.</summary>
    public const string OpenAiAccount = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-ai-prod/providers/Microsoft.CognitiveServices/accounts/oai-contoso-prod-swc";

    /// <summary>The account's key1 and key2 as the demo tenant's fixture holds them (before any rotation).</summary>
    public static (string Key1, string Key2) FixtureKeys()
    {
        using var keys = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(AiSpm.Cli.Emulation.FixtureLocator.Resolve("demo-tenant"), "arm", "listKeys.json")));
        var account = keys.RootElement.EnumerateObject().Single(p => p.Name.Equals(OpenAiAccount, StringComparison.OrdinalIgnoreCase)).Value;
        return (account.GetProperty("key1").GetString()!, account.GetProperty("key2").GetString()!);
    }

    /// <summary>The account's key1 and key2 as ARM lists them now.</summary>
    public static async Task<(string Key1, string Key2)> LiveKeysAsync(ScanHarness harness)
    {
        var keys = await new ArmRestClient(harness.Tenant.ConnectArm()).PostActionAsync(OpenAiAccount, "listKeys", "2024-10-01");
        return (keys.GetProperty("key1").GetString()!, keys.GetProperty("key2").GetString()!);
    }

    /// <summary>One full scan on the harness's durable engine.</summary>
    public static async Task ScanAsync(ScanHarness harness)
    {
        await harness.FullScanAsync();
    }

    /// <summary>The status of a data-plane GET to <paramref name="host"/> with an <c>api-key</c>, as the emulator's key check answers it.</summary>
    public static async Task<int> DataPlaneStatusAsync(ScanHarness harness, string host, string pathAndQuery, string key)
    {
        // The data plane is addressed by host name; the request goes to the emulator's address with that Host header, so
        // the name cannot match the emulator's certificate: trust it by its thumbprint alone (test only).
        var thumbprint = harness.Tenant.Server.CertificateThumbprint;
        using var http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(harness.Tenant.Server.BaseUri, pathAndQuery));
        request.Headers.Host = host;
        request.Headers.Add("api-key", key);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }
}
