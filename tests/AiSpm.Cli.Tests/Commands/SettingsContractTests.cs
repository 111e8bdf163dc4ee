using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using AiSpm.Application.Configuration;
using AiSpm.Cli.Commands;
using AiSpm.Testing;
using Xunit.Abstractions;

namespace AiSpm.Cli.Tests.Commands;

/// <summary>
/// Every setting the README documents is parsed strictly: started with a malformed value, <c>aispm serve</c> exits 2
/// before reaching anything, with one line naming the setting. The README's table and the code's setting names agree.
/// </summary>
public sealed class SettingsContractTests(ITestOutputHelper output)
{
    /// <summary>Storage that refuses connections: a probe that is wrongly accepted ends in exit 3, not a hang.</summary>
    private const string ClosedStorage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:1/devstoreaccount1;QueueEndpoint=http://127.0.0.1:1/devstoreaccount1";

    /// <summary>A malformed value for each documented setting (null removes a setting, e.g. the connection string so the identity-based form is read).</summary>
    private static readonly Dictionary<string, Dictionary<string, string?>> Probes = new(StringComparer.Ordinal)
    {
        ["AzureWebJobsStorage"] = new() { ["AzureWebJobsStorage"] = "AccountName=only" },
        ["AzureWebJobsStorage__accountName"] = new() { ["AzureWebJobsStorage"] = null, ["AzureWebJobsStorage__accountName"] = "Not_An_Account!" },
        ["AzureWebJobsStorage__tableServiceUri"] = new() { ["AzureWebJobsStorage"] = null, ["AzureWebJobsStorage__tableServiceUri"] = "http://aispm.table.core.windows.net", ["AzureWebJobsStorage__queueServiceUri"] = "https://aispm.queue.core.windows.net" },
        ["AzureWebJobsStorage__queueServiceUri"] = new() { ["AzureWebJobsStorage"] = null, ["AzureWebJobsStorage__tableServiceUri"] = "https://aispm.table.core.windows.net", ["AzureWebJobsStorage__queueServiceUri"] = "queue.example" },
        ["AzureWebJobsStorage__credential"] = new() { ["AzureWebJobsStorage__credential"] = "password" },
        ["AzureWebJobsStorage__clientId"] = new() { ["AzureWebJobsStorage__clientId"] = "my-identity" },
        ["AzureWebJobsStorage__tablePrefix"] = new() { ["AzureWebJobsStorage__tablePrefix"] = "bad-prefix!" },
        [AppSettingNames.StorageTimeoutSeconds] = new() { [AppSettingNames.StorageTimeoutSeconds] = "0" },
        [AppSettingNames.ScanSchedule] = new() { [AppSettingNames.ScanSchedule] = "0 0 0 31 2 *" },
        [AppSettingNames.Subscriptions] = new() { [AppSettingNames.Subscriptions] = "contoso-prod" },
        ["Scan__SubscriptionsPerShard"] = new() { ["Scan__SubscriptionsPerShard"] = "301" },
        [AppSettingNames.ClientId] = new() { [AppSettingNames.ClientId] = "uami-aispm" },
        [AppSettingNames.OwnObjectId] = new() { [AppSettingNames.OwnObjectId] = "12345" },
        [AppSettingNames.ArmEndpoint] = new() { [AppSettingNames.ArmEndpoint] = "management.azure.com" },
        [AppSettingNames.ApiTimeoutSeconds] = new() { [AppSettingNames.ApiTimeoutSeconds] = "0" },
        [AppSettingNames.LocalApiKey] = new() { [AppSettingNames.LocalApiKey] = "short" },
        [AppSettingNames.EmulatorFixture] = new() { [AppSettingNames.EmulatorFixture] = "no-such-tenant" },
        [AppSettingNames.EmulatorLatencyMs] = new() { [AppSettingNames.EmulatorLatencyMs] = "-5" },
        [AppSettingNames.FingerprintKey] = new() { [AppSettingNames.FingerprintKey] = "dG9vLXNob3J0" },
        [AppSettingNames.GraphEnabled] = new() { [AppSettingNames.GraphEnabled] = "maybe" },
        [AppSettingNames.PowerPlatformEnabled] = new() { [AppSettingNames.PowerPlatformEnabled] = "sometimes" },
        [AppSettingNames.DataSampling] = new() { [AppSettingNames.DataSampling] = "yes" },
        [AppSettingNames.DataSamplingMaxBlobs] = new() { [AppSettingNames.DataSampling] = "On", [AppSettingNames.DataSamplingMaxBlobs] = "0" },
        [AppSettingNames.Policy] = new() { [AppSettingNames.Policy] = "no-such-policy.yaml" },
        [AppSettingNames.RotationMode] = new() { [AppSettingNames.RotationMode] = "auto" },
        [AppSettingNames.RotationConsumerWait] = new() { [AppSettingNames.RotationConsumerWait] = "8.00:00:00" },
        [AppSettingNames.RotationApprovalTimeout] = new() { [AppSettingNames.RotationApprovalTimeout] = "00:00:10" },
        [AppSettingNames.KeyVaultUri] = new() { [AppSettingNames.KeyVaultUri] = "http://kv-contoso.vault.azure.net" },
        [AppSettingNames.TeamsWebhookUrl] = new() { [AppSettingNames.TeamsWebhookUrl] = "http://example.com/hook" },
        [AppSettingNames.RuleDocsUrl] = new() { [AppSettingNames.RuleDocsUrl] = "docs/rules" },
        [AppSettingNames.PublicUrl] = new() { [AppSettingNames.PublicUrl] = "http://aispm.contoso.com" },
        ["Scan__ActivityConcurrency"] = new() { ["Scan__ActivityConcurrency"] = "0" },
        ["Scan__VisibilityTimeoutSeconds"] = new() { ["Scan__VisibilityTimeoutSeconds"] = "601" },
        [CliFailure.DebugSetting] = new() { [CliFailure.DebugSetting] = "1" },
    };

    /// <summary>Documented settings <c>aispm</c> does not read, and why.</summary>
    private static readonly Dictionary<string, string> NotReadByAispm = new(StringComparer.Ordinal)
    {
        ["AISPM_TASK_HUB"] = "read by the Functions host through host.json's hubName; the local engine names its own hub",
        ["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "read by the Functions app's telemetry exporter",
        ["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "read by the Functions app's telemetry exporter",
        [AppSettingNames.PlatformHostName] = "set by the platform on Functions and App Service, never by a user",
        ["AISPM_AZURITE"] = "a launcher that is missing is exit 4 (DocumentedCommandsTests)",
        ["AISPM_TEST_STORAGE"] = "read by the test suite only",
        ["AISPM_CHROMIUM"] = "read by scripts/ensure-chromium.sh and the report rendering test only",
    };

    [Fact]
    public void The_readme_documents_every_setting_the_code_reads_and_each_has_a_probe_or_a_reason()
    {
        var documented = DocumentedContract.Settings();
        var inCode = typeof(AppSettingNames).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => ((string)f.GetRawConstantValue()!).Replace(":", "__", StringComparison.Ordinal))
            .Append(CliFailure.DebugSetting);

        Assert.Empty(inCode.Except(documented));
        Assert.Empty(documented.Except(Probes.Keys).Except(NotReadByAispm.Keys));
        Assert.Empty(Probes.Keys.Concat(NotReadByAispm.Keys).Except(documented));
    }

    [Fact]
    public async Task Every_malformed_setting_stops_serve_with_exit_2_naming_it_before_anything_starts()
    {
        var results = new ConcurrentDictionary<string, (int ExitCode, string Error)>();
        await Parallel.ForEachAsync(Probes, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (probe, ct) =>
            results[probe.Key] = await ServeAsync(probe.Value, ct));

        foreach (var (setting, (exitCode, error)) in results.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{setting}: exit {exitCode}: {error.Trim()}");
        }

        Assert.All(results, r =>
        {
            Assert.True(r.Value.ExitCode == ExitCodes.ConfigurationError, $"{r.Key}: exit {r.Value.ExitCode}: {r.Value.Error}");
            Assert.Contains(r.Key, r.Value.Error, StringComparison.Ordinal);
            Assert.Single(r.Value.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        });
    }

    private static async Task<(int ExitCode, string Error)> ServeAsync(Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var info = AispmProcess.StartInfo("serve", "--port", "0");
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("AISPM_", StringComparison.Ordinal) || k.StartsWith("AzureWebJobs", StringComparison.Ordinal)
                     || k.StartsWith("Scan__", StringComparison.Ordinal) || k.StartsWith("AZURE_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }

        info.Environment["AzureWebJobsStorage"] = ClosedStorage;
        foreach (var (name, value) in settings)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        _ = process.StandardOutput.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, "did not exit within 30 s");
        }

        return (process.ExitCode, await error);
    }
}
