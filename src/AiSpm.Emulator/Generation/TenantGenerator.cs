using System.Globalization;
using System.Text.Json;

namespace AiSpm.Emulator.Generation;

/// <summary>
/// Writes a synthetic tenant as a fixture folder in the layout of docs/emulator.md, deterministically (same options, same bytes)
/// and as a stream: objects go to disk as they are produced, ARM resources split over one file per
/// <see cref="TenantGenerationOptions.SubscriptionsPerFile"/> subscriptions, so memory stays flat whatever the size.
/// </summary>
public static class TenantGenerator
{
    /// <summary>The Key Vault the generator fills with <see cref="TenantGenerationOptions.Secrets"/> secrets.</summary>
    public const string VaultName = "kv-gen-secrets";

    /// <summary>Generates the tenant into <paramref name="folder"/>, which must be missing or empty.</summary>
    /// <exception cref="ArgumentException">The options are inconsistent (e.g. fewer resources than the AI resources they imply).</exception>
    /// <exception cref="IOException">The folder is not empty.</exception>
    public static TenantGenerationResult Generate(TenantGenerationOptions options, string folder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var plan = new TenantPlan(options);
        if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            throw new IOException($"The output folder '{folder}' is not empty; generate into a new or empty folder.");
        }

        var root = Path.GetFullPath(folder);
        Directory.CreateDirectory(root);
        var layout = new TenantLayout(plan);
        var totals = new GenerationTotals();

        using (var tenant = FixtureFileWriter.Single(root, "tenant.json", totals))
        {
            tenant.Json.WriteString("tenantId", layout.TenantId);
            tenant.Json.WriteString("displayName", string.Create(CultureInfo.InvariantCulture, $"Generated tenant (seed {options.Seed})"));
            tenant.Json.WriteString("defaultDomain", layout.DefaultDomain);
        }

        WriteSubscriptions(root, layout, totals);
        WriteResources(root, layout, totals, cancellationToken);
        WriteDirectory(root, layout, totals, cancellationToken);
        if (options.Secrets > 0)
        {
            WriteSecrets(root, layout, totals);
        }

        var children = totals.Counts.GetValueOrDefault("arm/Microsoft.CognitiveServices/accounts/deployments")
            + totals.Counts.GetValueOrDefault("arm/Microsoft.CognitiveServices/accounts/raiPolicies")
            + totals.Counts.GetValueOrDefault("arm/Microsoft.Insights/diagnosticSettings")
            + totals.Counts.GetValueOrDefault("arm/Microsoft.MachineLearningServices/workspaces/computes")
            + totals.Counts.GetValueOrDefault("arm/Microsoft.MachineLearningServices/workspaces/onlineEndpoints");
        var resources = plan.AiResources + plan.Filler;
        return new TenantGenerationResult
        {
            Folder = root,
            TenantId = layout.TenantId,
            Files = totals.Files,
            Bytes = totals.Bytes,
            Counts = totals.Counts,
            Resources = resources,
            TopLevelResources = resources - children,
        };
    }

    private static void WriteSubscriptions(string root, TenantLayout layout, GenerationTotals totals)
    {
        using var file = FixtureFileWriter.Collection(root, "arm/subscriptions.json", totals);
        var w = file.Json;
        for (var s = 0; s < layout.Plan.Options.Subscriptions; s++)
        {
            var id = layout.SubscriptionId(s);
            var env = layout.Environment(s);
            w.WriteStartObject();
            w.WriteString("id", "/subscriptions/" + id);
            w.WriteString("authorizationSource", "RoleBased");
            ArmJson.EmptyArray(w, "managedByTenants");
            w.WriteStartObject("tags");
            w.WriteString("env", env);
            w.WriteEndObject();
            w.WriteString("subscriptionId", id);
            w.WriteString("tenantId", layout.TenantId);
            w.WriteString("displayName", string.Create(CultureInfo.InvariantCulture, $"{env}-{s:D4}"));
            w.WriteString("state", "Enabled");
            w.WriteStartObject("subscriptionPolicies");
            w.WriteString("locationPlacementId", "Public_2014-09-01");
            w.WriteString("quotaId", env == "prod" ? "EnterpriseAgreement_2014-09-01" : "MSDN_2014-09-01");
            w.WriteString("spendingLimit", "Off");
            w.WriteEndObject();
            w.WriteEndObject();
            file.FlushIfLarge();
            totals.Count("arm/subscriptions");
        }
    }

    private static void WriteResources(string root, TenantLayout layout, GenerationTotals totals, CancellationToken cancellationToken)
    {
        var plan = layout.Plan;
        var options = plan.Options;
        var ai = new AiResourceWriter(layout, totals);
        var filler = new FillerResourceWriter(layout, totals);
        var access = new AccessWriter(layout, totals);
        var searchData = new SearchDataPlaneWriter(layout, totals);
        using var keys = FixtureFileWriter.Map(root, "arm/listKeys.json", totals);
        using var roles = FixtureFileWriter.Collection(root, "arm/authorizationresources.json", totals);
        using var alerts = FixtureFileWriter.Collection(root, "arm/securityresources.json", totals);
        for (var first = 0; first < options.Subscriptions; first += options.SubscriptionsPerFile)
        {
            var last = Math.Min(options.Subscriptions, first + options.SubscriptionsPerFile) - 1;
            var name = string.Create(CultureInfo.InvariantCulture, $"arm/resources/subscriptions-{first:D4}-{last:D4}.json");
            using var file = FixtureFileWriter.Collection(root, name, totals);
            for (var s = first; s <= last; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var w = file.Json;
                var (start, count) = plan.Share(options.AiAccounts, s);
                access.Subscription(roles.Json, s);
                for (var a = start; a < start + count; a++)
                {
                    access.Account(roles.Json, alerts.Json, ai.Account(w, keys.Json, a, s), a, s);
                    file.FlushIfLarge();
                    keys.FlushIfLarge();
                    roles.FlushIfLarge();
                }

                (start, count) = plan.Share(plan.Workspaces, s);
                for (var i = start; i < start + count; i++)
                {
                    access.Workspace(roles.Json, ai.Workspace(w, i, s), i, s);
                }

                (start, count) = plan.Share(plan.SearchServices, s);
                for (var i = start; i < start + count; i++)
                {
                    if (ai.Search(w, keys.Json, i, s) is { AcceptsEntra: true } search)
                    {
                        searchData.Service(root, search.Name, i, s);
                    }
                }

                (start, count) = plan.Share(plan.BotServices, s);
                for (var i = start; i < start + count; i++)
                {
                    ai.Bot(w, i, s);
                }

                (start, count) = plan.Share(plan.Filler, s);
                for (var i = 0; i < count; i++)
                {
                    filler.Resource(w, start + i, i, s);
                    file.FlushIfLarge();
                }
            }
        }
    }

    private static void WriteDirectory(string root, TenantLayout layout, GenerationTotals totals, CancellationToken cancellationToken)
    {
        var plan = layout.Plan;
        var directory = new DirectoryWriter(layout, totals);
        WriteCollection(root, "graph/v1.0/servicePrincipals.json", plan.Options.ServicePrincipals, directory.ServicePrincipal, totals, cancellationToken);
        WriteCollection(root, "graph/v1.0/applications.json", plan.Options.Applications, directory.Application, totals, cancellationToken);
        WriteCollection(root, "graph/v1.0/oauth2PermissionGrants.json", plan.Options.Grants, directory.Grant, totals, cancellationToken);
        WriteCollection(root, "graph/v1.0/appRoleAssignments.json", plan.Options.AppRoleAssignments, directory.AppRoleAssignment, totals, cancellationToken);
        using var policy = FixtureFileWriter.Single(root, "graph/v1.0/authorizationPolicy.json", totals);
        directory.AuthorizationPolicy(policy.Json);
    }

    private static void WriteCollection(string root, string relativePath, int count, Action<Utf8JsonWriter, int> write, GenerationTotals totals, CancellationToken cancellationToken)
    {
        using var file = FixtureFileWriter.Collection(root, relativePath, totals);
        for (var i = 0; i < count; i++)
        {
            if (i % 1000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            write(file.Json, i);
            file.FlushIfLarge();
        }
    }

    private static void WriteSecrets(string root, TenantLayout layout, GenerationTotals totals)
    {
        using var file = FixtureFileWriter.Collection(root, $"keyvault/{VaultName}/secrets.json", totals);
        var w = file.Json;
        var reference = TenantLayout.ReferenceInstant.ToUnixTimeSeconds();
        for (var i = 0; i < layout.Plan.Options.Secrets; i++)
        {
            var random = SeededRandom.For(layout.Seed, "vault-secret", i);
            var aiKey = i % 2 == 0;
            var name = (aiKey ? "ai-account-key-" : "app-password-") + i.ToString("D3", CultureInfo.InvariantCulture);
            var created = reference - (86_400L * (1 + random.Next(400)));
            var expires = random.Chance(0.3) ? (long?)null : created + (86_400L * (random.Chance(0.3) ? 30 : 365));
            w.WriteStartObject();
            w.WriteString("value", aiKey ? FakeKeys.CognitiveServicesKey(ref random, 'B') : FakeKeys.LegacyKey(ref random));
            w.WriteString("id", $"https://{VaultName}.vault.azure.net/secrets/{name}/{StableHash.Guid(layout.Seed, "secret-version", i):N}");
            w.WriteStartObject("attributes");
            w.WriteBoolean("enabled", true);
            if (expires is { } exp)
            {
                w.WriteNumber("exp", exp);
            }

            w.WriteNumber("created", created);
            w.WriteNumber("updated", created);
            w.WriteString("recoveryLevel", "Recoverable");
            w.WriteNumber("recoverableDays", 90);
            w.WriteEndObject();
            w.WriteStartObject("tags");
            w.WriteString("owner", aiKey ? "ai-platform" : "app-team");
            w.WriteEndObject();
            w.WriteString("contentType", "text/plain");
            w.WriteEndObject();
            totals.Count("keyvault/secrets");
        }
    }
}
