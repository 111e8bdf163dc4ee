using AiSpm.Cli.Emulation;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Remediation;
using AiSpm.Core.Rules.Credentials;
using AiSpm.Core.Secrets;
using AiSpm.Application.Remediation;
using AiSpm.Application.Scanning;
using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.Extensions.DependencyInjection;
using AiSpm.Testing;
using Microsoft.Extensions.Logging;

using static AiSpm.Application.Tests.Remediation.RotationWiring;

namespace AiSpm.Application.Tests.Remediation;

/// <summary>
/// An exposed AI Search admin key rotated through the emulator. The demo tenant plants no Search key (its planted findings
/// are asserted exactly elsewhere), so each test serves a copy of it in which the primary admin key of srch-contoso-dev
/// is pasted into a plain app setting of app-contoso-hr-portal. The app (subscription 1) and the service (subscription 2)
/// are scanned by different shards, so the key is attributed when the run closes (<see cref="CrossScopeKeyAttribution"/>).
/// </summary>
public sealed class SearchKeyRotationTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IDisposable
{
    private const string Service = "/subscriptions/6f1c0a00-0000-4000-8000-000000000002/resourceGroups/rg-search-dev/providers/Microsoft.Search/searchServices/srch-contoso-dev";
    private const string Site = "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-apps-prod/providers/Microsoft.Web/sites/app-contoso-hr-portal";

    private static Task<int> DataPlaneStatusAsync(ScanHarness harness, string key) => RotationWiring.DataPlaneStatusAsync(harness, "srch-contoso-dev.search.windows.net", "indexes?api-version=2023-11-01", key);
    private const string SecretName = "aispm-srch-contoso-dev-key"; // no secret in the vault is tagged with the service yet

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "aispm-search-rotation-" + Guid.NewGuid().ToString("N")[..10]);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Copies the demo tenant and plants srch-contoso-dev's primary admin key; returns (primary, secondary) as the fixture has them.</summary>
    private (string Primary, string Secondary) PlantSearchAdminKey()
    {
        CopyDirectory(FixtureLocator.Resolve("demo-tenant"), _folder);
        var keys = JsonNode.Parse(File.ReadAllText(Path.Combine(_folder, "arm", "listKeys.json")))!.AsObject();
        var service = keys.Single(p => p.Key.Equals(Service, StringComparison.OrdinalIgnoreCase)).Value!;
        var primary = (string)service["primaryKey"]!;
        var secondary = (string)service["secondaryKey"]!;

        var settingsFile = Path.Combine(_folder, "arm", "appSettings.json");
        var settings = JsonNode.Parse(File.ReadAllText(settingsFile))!.AsObject();
        var properties = settings.Single(p => p.Key.Equals(Site, StringComparison.OrdinalIgnoreCase)).Value!["properties"]!.AsObject();
        properties["AZURE_SEARCH_DEV_ENDPOINT"] = "https://srch-contoso-dev.search.windows.net";
        properties["AZURE_SEARCH_DEV_ADMIN_KEY"] = primary;
        File.WriteAllText(settingsFile, settings.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        return (primary, secondary);
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }

    private static async Task<(string Primary, string Secondary)> LiveKeysAsync(ScanHarness harness) =>
        await RotatableKeyFamily.SearchAdmin.ListKeysAsync(new ArmRestClient(harness.Tenant.ConnectArm()), Service);

    private static long Count(ScanHarness harness, string routePart) =>
        harness.Tenant.Server.Stats.Routes.Where(r => r.Key.Contains(routePart, StringComparison.Ordinal)).Sum(r => r.Value);

    [Fact]
    public async Task A_key_pasted_in_another_subscriptions_app_is_attributed_when_the_run_closes()
    {
        PlantSearchAdminKey();
        await using var harness = await ScanHarness.StartAsync(azurite, fixtureFolder: _folder);

        await ScanAsync(harness);
        var exposure = await harness.Findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open, RuleId: CredentialsExposedAiKey.Rule.Id))
            .SingleAsync(f => f.Finding.Key.ResourceId.Equals(Site, StringComparison.OrdinalIgnoreCase));

        Assert.Equal(Service, exposure.Finding.Evidence["account"], ignoreCase: true);
        Assert.Equal("Key1", exposure.Finding.Evidence["keySlot"]);
        Assert.Equal("Agrees", exposure.Finding.Evidence["endpointAgreement"]);
        Assert.EndsWith("It is the live Key1 of srch-contoso-dev.", exposure.Finding.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Auto_regenerates_the_partner_admin_key_first_then_the_exposed_one_and_key_vault_holds_the_fresh_key()
    {
        var (exposed, partnerBefore) = PlantSearchAdminKey();
        var logs = new CapturingLoggerProvider();
        using var loggers = new LoggerFactory([logs]);
        await using var harness = await StartAsync(azurite, RotationMode.Auto, fixtureFolder: _folder, loggers: loggers);
        using var fingerprinter = new SecretFingerprinter(harness.Options.FingerprintKey!);
        var acceptedBefore = await DataPlaneStatusAsync(harness, exposed);

        await ScanAsync(harness);
        var finding = await harness.Findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open, RuleId: CredentialsExposedAiKey.Rule.Id))
            .SingleAsync(f => f.Finding.Key.ResourceId.Equals(Site, StringComparison.OrdinalIgnoreCase) && f.Finding.Evidence.TryGetValue("account", out var account) && account.Equals(Service, StringComparison.OrdinalIgnoreCase));
        var (primary, secondary) = await LiveKeysAsync(harness);
        var vault = harness.Tenant.ConnectVault(Vault);
        var latest = (await vault.GetSecretAsync(SecretName)).Value;
        var versions = await vault.GetPropertiesOfSecretVersionsAsync(SecretName).ToListAsync();

        Assert.Equal(200, acceptedBefore);
        Assert.Equal(403, await DataPlaneStatusAsync(harness, exposed)); // the leaked admin key is refused
        Assert.Equal(200, await DataPlaneStatusAsync(harness, latest.Value)); // clients on the vault's current version keep working
        Assert.Equal("Completed", Assert.Single(await RotationsAsync(harness), r => r.AccountId.Equals(Service, StringComparison.OrdinalIgnoreCase)).Outcome);
        Assert.Equal(fingerprinter.Compute(exposed).Value, finding.Finding.Evidence[AiSpm.Core.Rules.RuleResult.SecretFingerprintEvidence]);
        Assert.NotEqual(exposed, primary);
        Assert.NotEqual(partnerBefore, secondary);

        // Key Vault: one new version, the fresh secondary (no secret was tagged with the service, so AiSpm created it).
        Assert.Equal(secondary, latest.Value);
        Assert.Equal("secondary", latest.Properties.Tags["CredentialId"]);
        Assert.Equal(Service, latest.Properties.Tags["ProviderAddress"]);
        Assert.Single(versions);

        // One regenerateAdminKey call per slot, the partner first; a second scan changes nothing.
        Assert.Equal(2, Count(harness, "regenerateAdminKey"));
        var steps = await harness.Audit.ReadAsync().Where(e => e.Record.Target == Service).Select(e => e.Record.Action).ToListAsync();
        Assert.Equal(["rotation.key-regenerated", "rotation.key-stored", "rotation.key-regenerated", "rotation.completed"], steps);
        var regenerated = await harness.Audit.ReadAsync().Where(e => e.Record.Action == "rotation.key-regenerated" && e.Record.Target == Service).Select(e => e.Record.Details).ToListAsync();
        Assert.Contains("\"slot\":\"Secondary\"", regenerated[0], StringComparison.Ordinal);
        Assert.Contains("\"slot\":\"Primary\"", regenerated[1], StringComparison.Ordinal);
        Assert.True((await harness.Audit.VerifyAsync()).IsIntact);
        var cards = harness.Tenant.Server.Teams.PostsTo(Hook).Select(c => c.ToString()).ToList();
        Assert.Contains(cards, c => c.Contains("Exposed AI key rotated", StringComparison.Ordinal) && c.Contains("srch-contoso-dev", StringComparison.Ordinal));

        await ScanAsync(harness);
        Assert.Equal(2, Count(harness, "regenerateAdminKey"));
        Assert.Equal(primary, (await LiveKeysAsync(harness)).Primary);

        // No key value in tables, queue messages, the task hub, Teams cards or logs (canaries: the middle of each key).
        var stored = await harness.StoredTextAsync();
        var logged = logs.Text;
        var secrets = (await PlantedSecrets.InTenantAsync(_folder)).Append(primary).Append(secondary).ToList();
        Assert.Contains(exposed, secrets);
        Assert.Contains(partnerBefore, secrets);
        Assert.Contains("srch-contoso-dev", logged, StringComparison.Ordinal); // the rotation was logged
        Assert.All(secrets, secret =>
        {
            Assert.DoesNotContain(PlantedSecrets.Core(secret), stored, StringComparison.Ordinal);
            Assert.DoesNotContain(PlantedSecrets.Core(secret), logged, StringComparison.Ordinal);
            Assert.All(cards, card => Assert.DoesNotContain(PlantedSecrets.Core(secret), card, StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Dry_run_makes_no_regenerateAdminKey_call_and_no_key_vault_write()
    {
        var (exposed, surviving) = PlantSearchAdminKey();
        await using var harness = await StartAsync(azurite, RotationMode.DryRun, fixtureFolder: _folder);

        await ScanAsync(harness);
        var keys = await LiveKeysAsync(harness);

        var rotation = Assert.Single(await RotationsAsync(harness), r => r.AccountId.Equals(Service, StringComparison.OrdinalIgnoreCase));
        Assert.Equal("Planned", rotation.Outcome);
        Assert.StartsWith("Would regenerate Secondary", rotation.Detail, StringComparison.Ordinal);
        Assert.Equal((exposed, surviving), keys);
        Assert.Equal(0, Count(harness, "regenerateAdminKey"));
        Assert.Equal(0, Count(harness, "regenerateKey"));
        Assert.Equal(0, harness.Tenant.Server.Stats.Routes.Where(r => r.Key.StartsWith("KeyVault PUT", StringComparison.Ordinal) || r.Key.StartsWith("KeyVault PATCH", StringComparison.Ordinal)).Sum(r => r.Value));
        Assert.Equal(200, await DataPlaneStatusAsync(harness, exposed));
        Assert.Equal(["rotation.planned"], await harness.Audit.ReadAsync().Where(e => e.Record.Target == Service).Select(e => e.Record.Action).ToListAsync());
    }

    [Fact]
    public async Task A_rotation_lists_the_vault_s_secrets_once_for_either_family()
    {
        // Straight to the orchestration (no scan): the demo tenant as it is, one exposure of each family.
        await using var harness = await StartAsync(azurite, RotationMode.Auto);
        var engine = await harness.EngineAsync();
        using var fingerprinter = new SecretFingerprinter(harness.Options.FingerprintKey!);
        var arm = new ArmRestClient(harness.Tenant.ConnectArm());
        var vault = harness.Tenant.ConnectVault(Vault);
        const string account = RotationWiring.OpenAiAccount;
        var accountKey1 = (await RotatableKeyFamily.CognitiveServices.ListKeysAsync(arm, account)).First;
        var serviceSecondary = (await RotatableKeyFamily.SearchAdmin.ListKeysAsync(arm, Service)).Second;
        const string list = "KeyVault GET /keyvault/{vault}/secrets";
        long Lists() => harness.Tenant.Server.Stats.Routes.GetValueOrDefault(list);
        async Task<RotationResult> RotateAsync(string fingerprint, string target)
        {
            var (id, _) = await RotationStarter.StartAsync(engine.Client, new ExposedKeyRotation(fingerprint, target, CredentialsExposedAiKey.Rule.Id, "f-" + target[^8..],
                RotationFlow.Auto, TimeSpan.FromMilliseconds(200), TimeSpan.FromMinutes(5)));
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            return (await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token)).ReadOutputAs<RotationResult>()!;
        }

        await vault.GetSecretAsync("aoai-swc-key"); // the client's first request answers the vault's auth challenge (counted twice)
        var before = Lists();
        var accountOutcome = await RotateAsync(fingerprinter.Compute(accountKey1).Value!, account);
        var afterAccount = Lists();
        var serviceOutcome = await RotateAsync(fingerprinter.Compute(serviceSecondary).Value!, Service);
        var afterService = Lists();
        var accountSecret = (await vault.GetSecretAsync("aoai-swc-key")).Value;
        var serviceSecret = (await vault.GetSecretAsync(SecretName)).Value;
        var (primary, secondary) = await RotatableKeyFamily.SearchAdmin.ListKeysAsync(arm, Service);

        Assert.Equal(RotationOutcome.Completed, accountOutcome.Outcome);
        Assert.Equal(RotationOutcome.Completed, serviceOutcome.Outcome);
        Assert.Equal(1, afterAccount - before);
        Assert.Equal(1, afterService - afterAccount);
        Assert.Equal((await RotatableKeyFamily.CognitiveServices.ListKeysAsync(arm, account)).Second, accountSecret.Value); // the tagged secret, as before
        Assert.Equal("key2", accountSecret.Properties.Tags["CredentialId"]);
        Assert.NotEqual(serviceSecondary, secondary);
        Assert.Equal(primary, serviceSecret.Value); // the partner of the exposed secondary, fresh
        Assert.Equal("primary", serviceSecret.Properties.Tags["CredentialId"]);
    }

    [Fact]
    public async Task Secret_near_expiry_of_a_search_admin_key_regenerates_the_alternate_admin_key()
    {
        await using var harness = await StartAsync(azurite, RotationMode.Auto);
        var vault = harness.Tenant.ConnectVault(Vault);
        var arm = new ArmRestClient(harness.Tenant.ConnectArm());
        var (primaryBefore, secondaryBefore) = await RotatableKeyFamily.SearchAdmin.ListKeysAsync(arm, Service);
        var held = new Azure.Security.KeyVault.Secrets.KeyVaultSecret("srch-dev-admin-key", primaryBefore);
        held.Properties.Tags["CredentialId"] = "primary";
        held.Properties.Tags["ProviderAddress"] = Service;
        var version = (await vault.SetSecretAsync(held)).Value.Properties.Version;
        var scheduled = harness.Services.GetRequiredService<ScheduledKeyRotation>();
        var nearExpiry = AiSpm.Emulator.EventGrid.EventGridEventFactory.SecretEvent(ScheduledKeyRotation.NearExpiry,
            "/subscriptions/6f1c0a00-0000-4000-8000-000000000001/resourceGroups/rg-ai-prod/providers/Microsoft.KeyVault/vaults/kv-contoso-ai-prod",
            new Uri("https://kv-contoso-ai-prod.vault.azure.net/"), "srch-dev-admin-key", version, DateTimeOffset.UtcNow.AddDays(30), DateTimeOffset.UtcNow);
        var incoming = AiSpm.Application.Events.IncomingEvent.ParseMany(BinaryData.FromString(nearExpiry.ToJsonString())).Single();

        var handled = await scheduled.HandleAsync(incoming, CancellationToken.None);
        var (primary, secondary) = await RotatableKeyFamily.SearchAdmin.ListKeysAsync(arm, Service);
        var latest = (await vault.GetSecretAsync("srch-dev-admin-key")).Value;
        var again = await scheduled.HandleAsync(incoming, CancellationToken.None);

        Assert.Contains("regenerated Secondary of srch-contoso-dev", handled, StringComparison.Ordinal);
        Assert.Equal(primaryBefore, primary);
        Assert.NotEqual(secondaryBefore, secondary);
        Assert.Equal(secondary, latest.Value);
        Assert.Equal("secondary", latest.Properties.Tags["CredentialId"]);
        Assert.Equal(1, Count(harness, "regenerateAdminKey"));
        Assert.Contains("no longer the latest", again, StringComparison.Ordinal);
    }

    /// <summary>Collects every formatted log message and exception, for canary assertions.</summary>
    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string Text => string.Join("\n", _lines);

        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{category} {logLevel} {formatter(state, exception)} {exception}");
        }
    }
}
