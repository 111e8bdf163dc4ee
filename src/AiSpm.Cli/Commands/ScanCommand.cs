using AiSpm.Core.Rules;
using AiSpm.Cli.Emulation;
using System.CommandLine;
using AiSpm.Application.Configuration;
using AiSpm.Connectors.Arm;
using AiSpm.Core.Findings;
using AiSpm.Application.Outputs;
using AiSpm.Application.Scanning;
using Azure;
using Azure.Identity;

namespace AiSpm.Cli.Commands;

/// <summary>
/// <c>aispm scan</c>: a one-shot scan without storage, of a real tenant (DefaultAzureCredential) or of a fixture
/// tenant served by the emulator (offline assessment). <c>--fail-on</c> turns findings into a non-zero exit for CI.
/// </summary>
internal static class ScanCommand
{
    public static Command Create()
    {
        var fixture = new Option<string?>("--fixture") { Description = "Scan a fixture tenant (a folder, or a name under fixtures/, e.g. demo-tenant) through the tenant emulator instead of Azure." };
        var subscriptions = new Option<string[]>("--subscription") { Description = "Subscription id to scan (repeatable); default: every subscription the identity can read.", AllowMultipleArgumentsPerToken = true };
        var output = new Option<ScanOutputFormat>("--output") { Description = "table, json, csv, sarif (SARIF 2.1.0) or ocsf (OCSF Detection Finding events).", DefaultValueFactory = _ => ScanOutputFormat.Table };
        var failOn = new Option<string>("--fail-on") { Description = "Exit with code 1 when a finding has this severity or higher: none, low, medium, high, critical.", DefaultValueFactory = _ => "none" };
        failOn.AcceptOnlyFromAmong("none", "informational", "low", "medium", "high", "critical");
        var ruleDocs = new Option<string?>("--rule-docs-url") { Description = $"Absolute URL of the published docs/rules/ folder, for SARIF helpUri links (default: ${RuleDocLinks.Setting})." };
        var policy = new Option<string?>("--policy") { Description = "Policy file (YAML or JSON: baseline, rules, severity overrides, settings, exemptions, sanctioned apps, known bots; see docs/policy.md). Default: $AISPM_POLICY, else the AiSpm.Default baseline." };
        var baseline = new Option<string?>("--baseline") { Description = "Run another baseline than the policy's, e.g. AiSpm.Strict (every rule) or AiSpm.EUAIAct." };
        var command = new Command("scan", "Scan Azure AI resources once and print the findings (no storage needed).") { fixture, subscriptions, output, failOn, ruleDocs, policy, baseline };
        command.SetAction((parseResult, cancellationToken) => RunAsync(
            parseResult,
            parseResult.GetValue(fixture),
            parseResult.GetValue(subscriptions) ?? [],
            parseResult.GetValue(output),
            parseResult.GetValue(failOn)!,
            parseResult.GetValue(ruleDocs) ?? Environment.GetEnvironmentVariable(RuleDocLinks.Setting),
            parseResult.GetValue(policy) ?? Environment.GetEnvironmentVariable(AppSettingNames.Policy),
            parseResult.GetValue(baseline),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(ParseResult parseResult, string? fixture, string[] subscriptions, ScanOutputFormat format, string failOn, string? ruleDocsUrl, string? policyFile, string? baselineName, CancellationToken cancellationToken)
    {
        var cli = CliContext.From(parseResult);
        var scanPolicy = AiSpm.Core.Policy.ScanPolicy.Default;
        try
        {
            if (!string.IsNullOrWhiteSpace(policyFile))
            {
                scanPolicy = AiSpm.Application.Policy.PolicyFileReader.ReadFile(policyFile, DateTimeOffset.UtcNow);
            }
        }
        catch (AiSpm.Application.Policy.PolicyFileException ex)
        {
            foreach (var line in ex.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                await cli.Error.WriteLineAsync("aispm: " + line.TrimEnd('\r')).ConfigureAwait(false);
            }

            return ExitCodes.ConfigurationError;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            await cli.Error.WriteLineAsync($"aispm: --policy: cannot read '{policyFile}': {ex.Message}").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }

        if (baselineName is not null)
        {
            if (AiSpm.Core.Policy.Baselines.Find(baselineName) is not { } chosen)
            {
                await cli.Error.WriteLineAsync($"aispm: --baseline: '{baselineName}' is not a baseline; use one of {string.Join(", ", AiSpm.Core.Policy.Baselines.All.Select(b => b.Name))}.").ConfigureAwait(false);
                return ExitCodes.ConfigurationError;
            }

            scanPolicy = scanPolicy with { Baseline = chosen };
        }

        RuleDocLinks docs;
        try
        {
            docs = RuleDocLinks.Parse(ruleDocsUrl);
        }
        catch (FormatException ex)
        {
            await cli.Error.WriteLineAsync($"aispm: --rule-docs-url / {RuleDocLinks.Setting}: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }

        EmulatedTenant? emulated = null;
        try
        {
            ArmConnection arm;
            Microsoft.Graph.GraphServiceClient graph;
            Func<Uri, string, Azure.Security.KeyVault.Secrets.SecretClient?> vaults;
            var settings = AppConfiguration.Build();
            var timeout = CloudApiTimeout.Read(settings);
            var powerPlatform = SwitchSetting.Read(settings, AppSettingNames.PowerPlatformEnabled);
            if (fixture is not null)
            {
                emulated = await EmulatedTenant.StartAsync(FixtureLocator.Resolve(fixture), cancellationToken: cancellationToken).ConfigureAwait(false);
                arm = emulated.ConnectArm(timeout);
                graph = emulated.ConnectGraph(timeout);
                vaults = (_, name) => emulated.Server.VaultUris.ContainsKey(name) ? emulated.ConnectVault(name, timeout) : null;
            }
            else
            {
                var credential = new DefaultAzureCredential();
                arm = new ArmConnection(credential, options: new ArmPipelineOptions(timeout.PerAttempt));
                graph = AiSpm.Connectors.Graph.GraphClients.Create(credential, callTimeout: timeout.GraphCall);
                var vaultOptions = new Azure.Security.KeyVault.Secrets.SecretClientOptions();
                vaultOptions.Retry.NetworkTimeout = timeout.PerAttempt;
                vaults = (uri, _) => new Azure.Security.KeyVault.Secrets.SecretClient(uri, credential, vaultOptions);
            }

            var report = await new TenantScanner(arm, RuleCatalog.BuiltIn.WithPolicy(scanPolicy), graph: graph, vaults: vaults, powerPlatform: powerPlatform).ScanAsync($"cli-{DateTimeOffset.UtcNow:yyyyMMddTHHmmssZ}", subscriptions, cancellationToken: cancellationToken).ConfigureAwait(false);
            ScanReportWriter.Write(report, format, cli.Console, parseResult.InvocationConfiguration.Output, docs);
            foreach (var error in report.Errors)
            {
                await cli.Error.WriteLineAsync($"aispm: coverage gap: {error.Operation} on {error.Scope}: {error.Status} {error.Message}").ConfigureAwait(false);
            }

            foreach (var requested in subscriptions.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (!report.Inventory.Resources.Any(r => r.Id.StartsWith($"/subscriptions/{requested}/", StringComparison.OrdinalIgnoreCase)))
                {
                    await cli.Error.WriteLineAsync($"aispm: warning: --subscription {requested} matched nothing: no AI resource was found there (a typo, a subscription this identity cannot read, or one without AI resources).").ConfigureAwait(false);
                }
            }

            var threshold = failOn == "none" ? (Severity?)null : Enum.Parse<Severity>(failOn, ignoreCase: true);
            return threshold is { } t && report.OpenFindings.Any(f => f.Severity >= t) ? ExitCodes.FindingsAtThreshold : ExitCodes.Success;
        }
        catch (DirectoryNotFoundException ex)
        {
            await cli.Error.WriteLineAsync($"aispm: {ex.Message}").ConfigureAwait(false);
            return ExitCodes.ConfigurationError;
        }
        catch (Exception ex) when (ex is AuthenticationFailedException or CredentialUnavailableException)
        {
            await cli.Error.WriteLineAsync($"aispm: no Azure credential: sign in with 'az login', or set a managed identity / AZURE_CLIENT_ID ({ex.Message.Split('\n')[0]})").ConfigureAwait(false);
            return ExitCodes.ServiceError;
        }
        catch (RequestFailedException ex)
        {
            await cli.Error.WriteLineAsync($"aispm: Azure refused the scan ({ex.Status} {ex.ErrorCode}): {ex.Message.Split('\n')[0]}").ConfigureAwait(false);
            return ExitCodes.ServiceError;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return cli.Fail(ex);
        }
        finally
        {
            if (emulated is not null)
            {
                await emulated.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
