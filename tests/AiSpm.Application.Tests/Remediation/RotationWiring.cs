using System.Globalization;
using AiSpm.Application.Configuration;
using AiSpm.Application.Remediation.Rotation;
using AiSpm.Connectors.Arm;
using AiSpm.Core.Remediation;
using AiSpm.Testing;
using AiSpm.Workflows.Orchestrations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace AiSpm.Application.Tests.Remediation;

/// <summary>What the rotation tests share: an installation with rotation on, its rotations, the demo tenant's keys, and a data-plane call with a key.</summary>
internal static class RotationWiring
{
    /// <summary>The demo tenant's vault holding the AI keys consumers read.</summary>
    public const string Vault = "kv-contoso-ai-prod";

    /// <summary>The Teams sink hook the installation posts to (finding alerts and rotation cards).</summary>
    public const string Hook = "rotation";

    /// <summary>The consumer wait the tests run with.</summary>
    public static readonly TimeSpan ConsumerWait = TimeSpan.FromSeconds(1);

    /// <summary>An installation (composition root, local durable engine, emulated tenant) rotating in <paramref name="mode"/>, posting to the sink's <see cref="Hook"/>.</summary>
    public static Task<ScanHarness> StartAsync(AzuriteFixture azurite, RotationMode mode, string? fixtureFolder = null, ILoggerFactory? loggers = null, TimeSpan? approvalTimeout = null) =>
        ScanHarness.StartAsync(azurite, fixtureFolder: fixtureFolder, loggers: loggers, teams: tenant => tenant.TeamsSink(Hook, maxAlertsPerRun: 100), rotationVault: Vault,
            settings: new Dictionary<string, string?>
            {
                [AppSettingNames.RotationMode] = mode.ToString(),
                [RotationOptions.ConsumerWaitSetting] = ConsumerWait.ToString("c", CultureInfo.InvariantCulture),
                [RotationOptions.ApprovalTimeoutSetting] = (approvalTimeout ?? TimeSpan.FromMinutes(10)).ToString("c", CultureInfo.InvariantCulture),
            });

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

    /// <summary>One full scan on the harness's durable engine, then every rotation it started run to its end.</summary>
    public static async Task ScanAsync(ScanHarness harness)
    {
        await harness.FullScanAsync();
        await harness.WaitIdleAsync();
    }

    /// <summary>The installation's rotation instances as <c>GET api/rotations</c> reads them.</summary>
    public static async Task<IReadOnlyList<RotationStatus>> RotationsAsync(ScanHarness harness)
    {
        var client = (await harness.EngineAsync()).Client;
        var listed = new List<RotationStatus>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = RotateExposedKeyOrchestration.InstancePrefix, FetchInputsAndOutputs = true }))
        {
            listed.Add(RotationStatus.Of(instance)!);
        }

        return listed;
    }

    /// <summary>The status of a data-plane GET to <paramref name="host"/> with an <c>api-key</c>, as the emulator's key check answers it.</summary>
    public static Task<int> DataPlaneStatusAsync(ScanHarness harness, string host, string pathAndQuery, string key) =>
        DataPlane.StatusAsync(harness.Tenant, host, pathAndQuery, key);
}
