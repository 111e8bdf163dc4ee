using AiSpm.Cli.Engine;
using AiSpm.Cli.Emulation;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Storage;
using AiSpm.Emulator.Storage;
using AiSpm.Application.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using AiSpm.Connectors.Teams;
using AiSpm.Core.Audit;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Scans;
using AiSpm.Emulator.EventGrid;
using AiSpm.Application.Events;
using AiSpm.Application.Exports;
using AiSpm.Application.Imports;
using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using AiSpm.Cli.Hosting;
using AiSpm.Application.Notifications;
using AiSpm.Application.Reports;
using AiSpm.Application.Scanning;
using AiSpm.Application.Remediation.Rotation;
using Azure.Core.Pipeline;

namespace AiSpm.Cli.Demo;

/// <summary>
/// The demo, end to end on real parts: a private Azurite, the demo tenant served by the tenant emulator, the local
/// server and the durable engine; a full scan as a FullScan orchestration; then a fix made through ARM, its Event Grid
/// event delivered to ResourceChanged, and the ResourceScan orchestration resolving the finding; the audit chain verified.
/// </summary>
internal sealed class DemoRun
{
    private const string FixedAccount = "/subscriptions/6f1c0a00-0000-4000-8000-000000000003/resourceGroups/rg-sandbox/providers/Microsoft.CognitiveServices/accounts/oai-sandbox-playground";

    private const string TeamsHook = "aispm-demo";
    private const string DemoAdministrator = "admin@contoso.example";
    private const string PastedKeyAccount = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-ai-prod/providers/Microsoft.CognitiveServices/accounts/oai-contoso-prod-swc";
    private const string PastedKeySite = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-apps-prod/providers/Microsoft.Web/sites/app-contoso-hr-portal";
    private const string PastedKeySetting = "LEGACY_OPENAI_KEY";
    private const string ApprovalAccount = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-ai-prod/providers/Microsoft.CognitiveServices/accounts/docintel-contoso-prod";
    private static readonly TimeSpan ConsumerWait = TimeSpan.FromSeconds(3);

    public async Task<DemoResult> RunAsync(IDemoProgress progress, string outputDirectory, CancellationToken cancellationToken)
    {
        var fixture = FixtureLocator.Resolve("demo-tenant");
        await using var azurite = await AzuriteProcess.StartAsync(cancellationToken: cancellationToken, accounts: BlobFixtureSeeder.AccountsOf(fixture)).ConfigureAwait(false);
        progress.Step($"Azurite on 127.0.0.1 (tables :{azurite.TablePort}, queues :{azurite.QueuePort}, blobs :{azurite.BlobPort}, in memory)");
        await using var tenant = await EmulatedTenant.StartAsync(fixture, cancellationToken: cancellationToken).ConfigureAwait(false);
        progress.Step($"Tenant emulator serving fixtures/demo-tenant over HTTPS at {tenant.Server.BaseUri}");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [StorageOptions.SettingName] = azurite.ConnectionString,
            [AppSettingNames.SubscriptionsPerShard] = "1",
            [AppSettingNames.RotationMode] = "Auto",
            [RotationOptions.ConsumerWaitSetting] = ConsumerWait.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            [AppSettingNames.DataSampling] = "On",
        }).Build();
        var services = tenant.AddTo(new ServiceCollection().AddAiSpm(configuration), rotationVault: "kv-contoso-ai-prod");
        var blobs = await tenant.AddBlobsAsync(services, azurite, cancellationToken).ConfigureAwait(false);
        progress.Step($"Data sampling on: {blobs} blobs of the demo's grounding containers in Azurite's Blob service (the sampler reads at most 20 text blobs per container that feeds AI)");
        services.AddSingleton(tenant.TeamsSink(TeamsHook, maxAlertsPerRun: 100));
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StorageClients>().EnsureCreatedAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await using var engine = await LocalScanEngine.StartAsync(provider, new LocalEngineOptions { TaskHub = "AiSpmDemo" }, cancellationToken: cancellationToken).ConfigureAwait(false);
        progress.Step($"Durable engine: task hub AiSpmDemo on the Durable Azure Storage backend over Azurite (FullScan, ResourceScan and RotateExposedKey orchestrations)");
        var findings = provider.GetRequiredService<IFindingStore>();
        var runs = provider.GetRequiredService<IScanRunStore>();
        var assetStore = provider.GetRequiredService<IAssetStore>();
        var audit = provider.GetRequiredService<IAuditLog>();
        var apiKey = LocalServer.NewApiKey();
        var rotationRoutes = new LocalRotations(provider.GetRequiredService<RotationRequests>(), engine.Client, provider.GetRequiredService<RotationOptions>());
        await using var server = await LocalServer.StartAsync(new ServerOptions { Port = 0, ApiKey = apiKey }, provider.GetRequiredService<AiSpmFunctionApp>(),
            engine.Launcher, rotations: rotationRoutes, cancellationToken: cancellationToken).ConfigureAwait(false);
        progress.Step($"Local server (HTTP API and Event Grid webhook, key on every route but the signed approval links) listening at {server.BaseUri}");
        using var http = new HttpClient { BaseAddress = server.BaseUri };
        http.DefaultRequestHeaders.Add("x-functions-key", apiKey);

        // The owner of docintel-contoso-prod wants to approve any rotation of its keys: the tag makes its flow stricter than the installation's Auto.
        await new ArmRestClient(tenant.ConnectArm()).PatchAsync(ApprovalAccount, "2024-10-01",
            new { tags = new Dictionary<string, string> { [Core.Remediation.RotationPolicy.OptOutTag] = "approval" } }, cancellationToken).ConfigureAwait(false);
        progress.Step($"Rotation mode Auto (consumer wait {ConsumerWait.TotalSeconds:0} s for the demo; 1 h by default); docintel-contoso-prod is tagged {Core.Remediation.RotationPolicy.OptOutTag}=approval by its owner");

        // Graph serves the Copilot admin settings and catalogue to signed-in administrators only: one imports them
        // (aispm collect copilot-admin, delegated), and the app-only scan evaluates the import.
        var (import, _) = await provider.GetRequiredService<CopilotAdminImporter>().ImportAsync(tenant.ConnectGraphAs(DemoAdministrator), cancellationToken).ConfigureAwait(false);
        progress.Step($"Copilot admin import (aispm collect copilot-admin, delegated sign-in): {import.ImportedBy} read Teams meetings limited mode and {import.Packages?.Count ?? 0} catalogue packages; the app-only scan evaluates AISPM-2032/2033 from it");

        var run = await engine.RunFullScanAsync("demo", progress.ScanProgressed, cancellationToken).ConfigureAwait(false);
        var closed = await runs.GetAsync(run.RunId, cancellationToken).ConfigureAwait(false);
        var open = await findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var assets = await assetStore.ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);

        // The approval card reached Teams; a responder opens Approve (a confirmation page) and confirms. No API key: the link's signed token is the credential.
        var approve = await ApprovalLinkAsync(tenant, cancellationToken).ConfigureAwait(false);
        using (var browser = new HttpClient())
        {
            using var pageResponse = await browser.GetAsync(approve, cancellationToken).ConfigureAwait(false);
            var page = await pageResponse.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            var token = System.Web.HttpUtility.ParseQueryString(approve.Query)["token"]!;
            using var confirmed = await browser.PostAsync(approve.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent([new("token", token)]), cancellationToken).ConfigureAwait(false);
            using var replayed = await browser.PostAsync(approve.GetLeftPart(UriPartial.Path), new FormUrlEncodedContent([new("token", token)]), cancellationToken).ConfigureAwait(false);
            progress.Step($"Approval card for docintel-contoso-prod in the Teams sink; its Approve link shows a confirmation page ({(int)pageResponse.StatusCode}), " +
                $"the confirmation answers {(int)confirmed.StatusCode}, the same link again {(int)replayed.StatusCode}");
        }

        await engine.WaitIdleAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var status in await RotationsAsync(http, cancellationToken).ConfigureAwait(false))
        {
            progress.Step($"Rotation ({status.Flow}) of {status.AccountId[(status.AccountId.LastIndexOf('/') + 1)..]}: {status.Outcome} by {status.Actor} ({status.Detail})");
        }

        progress.Step($"Teams: {tenant.Server.Teams.PostsTo(TeamsHook).Count} Adaptive Cards posted to the emulator's Workflows webhook sink (one per high/critical finding, and the run digest)");
        var target = open.First(f => f.Finding.Key.RuleId == "AISPM-1001" && string.Equals(f.Finding.Key.ResourceId, FixedAccount, StringComparison.OrdinalIgnoreCase));

        // An administrator closes the account to the internet; ARM raises ResourceWriteSuccess on the subscription's system topic.
        await new ArmRestClient(tenant.ConnectArm()).PatchAsync(FixedAccount, "2024-10-01",
            new { properties = new { publicNetworkAccess = "Disabled", networkAcls = new { defaultAction = "Deny", ipRules = Array.Empty<object>() } } }, cancellationToken).ConfigureAwait(false);
        var change = EventGridEventFactory.ResourceEvent("Microsoft.Resources.ResourceWriteSuccess", tenant.Server.Fixture.TenantId,
            "6f1c0a00-0000-4000-8000-000000000003", FixedAccount, "Microsoft.CognitiveServices/accounts/write", DateTimeOffset.UtcNow);
        var webhook = "/runtime/webhooks/eventgrid?functionName=" + FunctionNames.ResourceChanged;
        using var delivered = await http.PostAsync(webhook, new StringContent("[" + change.ToJsonString() + "]", System.Text.Encoding.UTF8, "application/json"), cancellationToken).ConfigureAwait(false);
        delivered.EnsureSuccessStatusCode();
        progress.Step("Fixed oai-sandbox-playground through ARM; its ResourceWriteSuccess event went to ResourceChanged, which started the resource's ResourceScan orchestration");
        await engine.WaitIdleAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var after = await findings.GetAsync(target.Finding.Key.Scope, target.Finding.Key.Id, cancellationToken).ConfigureAwait(false);

        // A developer pastes a live key into a web app's settings; the settings write raises its own event.
        var arm = new ArmRestClient(tenant.ConnectArm());
        var (_, liveKey2) = await Connectors.Remediation.RotatableKeyFamily.CognitiveServices.ListKeysAsync(arm, PastedKeyAccount, cancellationToken).ConfigureAwait(false);
        var settings = JsonNode.Parse((await arm.PostActionAsync(PastedKeySite, "config/appsettings/list", "2023-12-01", cancellationToken: cancellationToken).ConfigureAwait(false)).GetRawText())!["properties"]!.AsObject();
        settings[PastedKeySetting] = liveKey2;
        await arm.PutAsync(PastedKeySite + "/config/appsettings", "2023-12-01", new JsonObject { ["properties"] = settings.DeepClone() }, cancellationToken).ConfigureAwait(false);
        var pasted = EventGridEventFactory.ResourceEvent("Microsoft.Resources.ResourceWriteSuccess", tenant.Server.Fixture.TenantId,
            "6f1c0a00-0000-4000-8000-000000000001", PastedKeySite + "/config/appsettings", "Microsoft.Web/sites/config/write", DateTimeOffset.UtcNow);
        using (var pastedDelivery = await http.PostAsync(webhook, new StringContent("[" + pasted.ToJsonString() + "]", System.Text.Encoding.UTF8, "application/json"), cancellationToken).ConfigureAwait(false))
        {
            pastedDelivery.EnsureSuccessStatusCode();
        }

        await engine.WaitIdleAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var exposure = await findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open, RuleId: Core.Rules.Credentials.CredentialsExposedAiKey.Rule.Id), cancellationToken)
            .FirstOrDefaultAsync(f => string.Equals(f.Finding.Key.ResourceId, PastedKeySite, StringComparison.OrdinalIgnoreCase) && f.Finding.Key.SubKey == "appSetting:" + PastedKeySetting, cancellationToken).ConfigureAwait(false);
        var pastedRotation = (await RotationsAsync(http, cancellationToken).ConfigureAwait(false)).FirstOrDefault(o => exposure is not null && o.FindingId == exposure.Finding.Key.Id);
        if (exposure is null)
        {
            progress.Step("Pasted a live key into app-contoso-hr-portal's app settings: its change event found nothing (unexpected)");
        }
        else
        {
            var owner = exposure.Finding.Evidence.GetValueOrDefault("account") is { } account ? account[(account.LastIndexOf('/') + 1)..] : "(unattributed)";
            progress.Step($"Pasted a live key ({exposure.Finding.SecretHint}) into app-contoso-hr-portal's app settings; from its change event alone: " +
                $"{exposure.Finding.Key.RuleId} ({exposure.Finding.Severity}), the {exposure.Finding.Evidence.GetValueOrDefault("keySlot", "?")} of {owner}, rotation {pastedRotation?.Outcome ?? "none"} ({pastedRotation?.Flow ?? "-"})");
        }

        await audit.AppendAsync(new AuditRecord("demo", "scan.completed", run.RunId, closed?.SummaryJson ?? "{}"), cancellationToken).ConfigureAwait(false);
        var chain = await audit.VerifyAsync(cancellationToken).ConfigureAwait(false);

        Directory.CreateDirectory(outputDirectory);
        var zipPath = Path.Combine(outputDirectory, "evidence.zip");
        var zip = new FileStream(zipPath, FileMode.Create, FileAccess.ReadWrite, FileShare.None);
        EvidenceVerification evidence;
        await using (zip.ConfigureAwait(false))
        {
            await provider.GetRequiredService<EvidenceExporter>().ExportAsync(zip, cancellationToken).ConfigureAwait(false);
            zip.Position = 0;
            evidence = await EvidenceVerifier.VerifyAsync(zip, cancellationToken).ConfigureAwait(false);
        }

        var reportPath = Path.Combine(outputDirectory, "report.html");
        await File.WriteAllTextAsync(reportPath, HtmlReport.Render(await ReportModel.LoadAsync(findings, assetStore, runs, provider.GetRequiredService<ISuppressionStore>(), cancellationToken: cancellationToken, rules: provider.GetRequiredService<AiSpm.Core.Rules.RuleCatalog>()).ConfigureAwait(false)), cancellationToken).ConfigureAwait(false);
        progress.Step($"HTML report written to {reportPath} (self-contained; opens offline)");
        progress.Step($"Evidence ZIP written to {zipPath}: {evidence.FilesChecked} files {(evidence.IsValid ? "verified" : "NOT verified")} against manifest.json");
        return new DemoResult(closed!, open, assets.Count, target.Finding, after!, chain, zipPath, evidence, tenant.Server.Teams.PostsTo(TeamsHook).Count,
            provider.GetRequiredService<AiSpm.Core.Rules.RuleCatalog>());
    }

    private static async Task<Uri> ApprovalLinkAsync(EmulatedTenant tenant, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMinutes(1));
        while (true)
        {
            foreach (var post in tenant.Server.Teams.PostsTo(TeamsHook))
            {
                var actions = post["attachments"]?[0]?["content"]?["actions"]?.AsArray() ?? [];
                if (actions.FirstOrDefault(a => a?["title"]?.GetValue<string>() == "Approve")?["url"]?.GetValue<string>() is { } url)
                {
                    return new Uri(url);
                }
            }

            await Task.Delay(100, deadline.Token).ConfigureAwait(false);
        }
    }

    private static async Task<IReadOnlyList<RotationStatus>> RotationsAsync(HttpClient http, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("api/rotations", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
        return Commands.CliJson.ReadRotations(body.RootElement)
            .OrderBy(r => r.CreatedAt).ToList();
    }
}
