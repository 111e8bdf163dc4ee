using System.Text.Json;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Tests.Rules;

/// <summary>
/// Loads a rule's pass/fail fixtures into snapshots, and finds the repository's docs. A fixture is either raw ARM JSON
/// (<c>{"value":[…]}</c>, loaded into the Azure inventory) or an object of Graph collections
/// (<c>{"servicePrincipals":[…],"oauth2PermissionGrants":[…],…}</c>, loaded into the directory inventory).
/// </summary>
internal static class RuleFixtures
{
    public static readonly DateTimeOffset EvaluatedAt = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    public static string Path(string ruleId, string fixture) =>
        System.IO.Path.Combine(AppContext.BaseDirectory, "Rules", "Fixtures", ruleId, fixture + ".json");

    public static PostureSnapshot Load(string ruleId, string fixture)
    {
        var file = Path(ruleId, fixture);
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        if (AiSpm.Core.Rules.Paths.PathRule.IsPathRule(ruleId))
        {
            return LoadPath(document.RootElement, file);
        }

        if (document.RootElement.TryGetProperty("copilotStudio", out var copilotStudio))
        {
            return new PostureSnapshot { CopilotStudio = LoadCopilotStudio(copilotStudio, file), EvaluatedAt = EvaluatedAt };
        }

        if (document.RootElement.TryGetProperty("credentialSources", out var sources))
        {
            return new PostureSnapshot { Credentials = LoadCredentials(sources), EvaluatedAt = EvaluatedAt };
        }

        if (DirectoryInventoryBuilder.IsCollectionsDocument(document.RootElement))
        {
            var directory = new DirectoryInventoryBuilder().AddCollections(document.RootElement, file).Build();
            return new PostureSnapshot { Directory = directory, EvaluatedAt = EvaluatedAt };
        }

        var inventory = new AiInventoryBuilder().AddDocument(document.RootElement, file).Build();
        return new PostureSnapshot { Azure = inventory, EvaluatedAt = EvaluatedAt };
    }

    /// <summary>
    /// A path rule's fixture: raw API data of every kind (<c>azure</c>: ARM objects, <c>directory</c>: Graph
    /// collections, <c>credentialSources</c>, <c>authorizationresources</c>: Resource Graph rows), evaluated by the per-resource rules first, as a scan does; the snapshot
    /// returned carries the graph of those assets, edges and failures.
    /// </summary>
    public static PostureSnapshot LoadPath(JsonElement root, string file)
    {
        var snapshot = new PostureSnapshot
        {
            Azure = root.TryGetProperty("azure", out var azure) ? new AiInventoryBuilder().AddDocument(azure, file).Build() : AiInventory.Empty,
            Directory = root.TryGetProperty("directory", out var directory) ? new DirectoryInventoryBuilder().AddCollections(directory, file).Build() : DirectoryInventory.Empty,
            Credentials = root.TryGetProperty("credentialSources", out var sources) ? LoadCredentials(sources) : AiSpm.Core.Inventory.Credentials.CredentialInventory.Empty,
            EvaluatedAt = EvaluatedAt,
        };
        var failures = RuleCatalog.BuiltIn.Evaluate(snapshot).Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.ToFinding()).ToList();
        // Role assignments: rows of Resource Graph's authorizationresources, read for the identities AI resources run as
        // and for the AI resources themselves.
        var selection = new AiSpm.Core.Inventory.Access.RoleAssignmentSelection(
            AiSpm.Core.Graph.SecurityGraph.IdentityPrincipals(AiSpm.Core.Graph.GraphEdges.Of(snapshot)),
            snapshot.Azure.Resources.Select(r => ArmId.TopLevelOf(r.Id)).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase));
        var roles = root.TryGetProperty("authorizationresources", out var rows)
            ? rows.EnumerateArray().Select(row => AiSpm.Core.Inventory.Access.RoleAssignmentEdges.Read(row, selection, out _)).OfType<AiSpm.Core.Graph.GraphEdge>().ToList()
            : [];
        return snapshot with { Graph = AiSpm.Core.Graph.SecurityGraph.Of(snapshot, failures, roles) };
    }

    /// <summary>
    /// Copilot Studio data as the collector reads it: the Power Platform admin API's environment list and, per
    /// environment, the Dataverse <c>bots</c>, <c>botcomponents</c> and <c>systemusers</c> answers.
    /// </summary>
    public static AiSpm.Core.Inventory.CopilotStudio.CopilotStudioInventory LoadCopilotStudio(JsonElement root, string file)
    {
        var builder = new AiSpm.Core.Inventory.CopilotStudio.CopilotStudioInventoryBuilder(AiSpm.Connectors.CopilotStudio.AgentComponentYaml.ToJson, Scanner.Value);
        if (root.TryGetProperty("environments", out var environments))
        {
            builder.AddEnvironments(environments, file);
        }

        if (root.TryGetProperty("dataverse", out var dataverse))
        {
            foreach (var environment in dataverse.EnumerateObject())
            {
                var tables = environment.Value;
                builder.AddAgents(environment.Name, tables.GetProperty("bots"),
                    tables.TryGetProperty("botcomponents", out var components) ? components : null,
                    tables.TryGetProperty("systemusers", out var users) ? users : null, file,
                    tables.TryGetProperty("connectionreferences", out var references) ? references : null,
                    tables.TryGetProperty("connectors", out var connectors) ? connectors : null);
            }
        }

        return builder.Build();
    }

    private static readonly Lazy<AiSpm.Core.Secrets.SecretScanner> Scanner = new(() => new AiSpm.Core.Secrets.SecretScanner(new AiSpm.Core.Secrets.SecretFingerprinter(InstallationKey)));

    /// <summary>Test installation key for fingerprints (fixed, so fingerprints are stable across runs).</summary>
    public static byte[] InstallationKey { get; } = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();

    /// <summary>Scans a fixture's credential sources (listKeys, appSettings, containerApps, deployments).</summary>
    public static AiSpm.Core.Inventory.Credentials.CredentialInventory LoadCredentials(JsonElement sources)
    {
        using var fingerprinter = new AiSpm.Core.Secrets.SecretFingerprinter(InstallationKey);
        var builder = new AiSpm.Core.Inventory.Credentials.CredentialInventoryBuilder(fingerprinter);
        if (sources.TryGetProperty("listKeys", out var keys))
        {
            foreach (var account in keys.EnumerateObject())
            {
                builder.AddAccountKeys(account.Name, account.Value);
            }
        }

        if (sources.TryGetProperty("appSettings", out var settings))
        {
            foreach (var site in settings.EnumerateObject())
            {
                builder.AddAppSettings(site.Name, site.Value);
            }
        }

        foreach (var (name, add) in new (string, Action<JsonElement>)[] { ("containerApps", e => builder.AddContainerApp(e)), ("deployments", e => builder.AddDeployment(e)) })
        {
            if (sources.TryGetProperty(name, out var list))
            {
                foreach (var item in list.EnumerateArray())
                {
                    add(item);
                }
            }
        }

        if (sources.TryGetProperty("vaultSecrets", out var vaultSecrets))
        {
            foreach (var secret in vaultSecrets.EnumerateArray())
            {
                var tags = secret.TryGetProperty("tags", out var t) ? t.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? string.Empty) : new Dictionary<string, string>();
                builder.AddVaultSecret(
                    new AiSpm.Core.Inventory.Credentials.VaultSecret(
                        secret.GetProperty("vault").GetString()!,
                        secret.GetProperty("name").GetString()!,
                        !secret.TryGetProperty("enabled", out var enabled) || enabled.GetBoolean(),
                        secret.TryGetProperty("expires", out var expires) ? expires.GetDateTimeOffset() : null,
                        null,
                        secret.TryGetProperty("contentType", out var contentType) ? contentType.GetString() : null,
                        tags,
                        null,
                        null),
                    secret.TryGetProperty("value", out var value) ? value.GetString() : null);
            }
        }

        return builder.Build();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "AiSpmFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The tests run outside the repository: AiSpmFunctions.sln not found above " + AppContext.BaseDirectory);
    }
}
