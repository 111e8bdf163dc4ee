using System.Security.Cryptography;
using System.Text.Json;
using AiSpm.Emulator.Generation;

namespace AiSpm.Emulator.Tests.Generation;

public sealed class TenantGeneratorTests
{
    internal static TenantGenerationOptions Small(int seed) => new()
    {
        Seed = seed,
        Subscriptions = 7,
        Resources = 600,
        AiAccounts = 60,
        Deployments = 90,
        ServicePrincipals = 150,
        Applications = 40,
        Grants = 300,
        AppRoleAssignments = 80,
        Secrets = 5,
        SubscriptionsPerFile = 3,
    };

    [Fact]
    public void Same_seed_gives_identical_bytes_and_another_seed_different_ones()
    {
        using var first = new FixtureFolder();
        using var second = new FixtureFolder();
        using var third = new FixtureFolder();

        TenantGenerator.Generate(Small(42), first.Path);
        TenantGenerator.Generate(Small(42), second.Path);
        TenantGenerator.Generate(Small(43), third.Path);

        var hashes = HashFiles(first.Path);
        Assert.Equal(hashes, HashFiles(second.Path));
        var other = HashFiles(third.Path);
        // Which search services accept Entra tokens (and so have a data-plane file) is drawn from the seed too.
        Assert.Equal(hashes.Keys.Where(k => !k.StartsWith("search/", StringComparison.Ordinal)), other.Keys.Where(k => !k.StartsWith("search/", StringComparison.Ordinal)));
        Assert.Contains(hashes.Keys, k => k.StartsWith("search/", StringComparison.Ordinal));
        Assert.All(hashes.Where(h => h.Key != "tenant.json" && other.ContainsKey(h.Key)), h => Assert.NotEqual(h.Value, other[h.Key]));
    }

    [Fact]
    public void Counts_are_honoured_and_resources_split_over_files()
    {
        using var folder = new FixtureFolder();
        var options = Small(7);

        var result = TenantGenerator.Generate(options, folder.Path);

        var resources = Directory.GetFiles(Path.Combine(folder.Path, "arm", "resources")).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, resources.Count); // 7 subscriptions, 3 per file
        var arm = resources.SelectMany(Items).ToList();
        Assert.Equal(options.Resources, arm.Count);
        Assert.Equal(options.Resources, result.Resources);
        Assert.Equal(arm.Count, arm.Select(r => r.GetProperty("id").GetString()!.ToLowerInvariant()).Distinct().Count());
        Assert.Equal(options.AiAccounts, arm.Count(r => r.GetProperty("type").GetString() == "Microsoft.CognitiveServices/accounts"));
        Assert.Equal(options.Deployments, arm.Count(r => r.GetProperty("type").GetString() == "Microsoft.CognitiveServices/accounts/deployments"));
        Assert.Equal(options.Subscriptions, Items(Path.Combine(folder.Path, "arm", "subscriptions.json")).Count());
        Assert.Equal(options.ServicePrincipals, GraphItems(folder.Path, "servicePrincipals").Count);
        Assert.Equal(options.Applications, GraphItems(folder.Path, "applications").Count);
        Assert.Equal(options.Grants, GraphItems(folder.Path, "oauth2PermissionGrants").Count);
        Assert.Equal(options.AppRoleAssignments, GraphItems(folder.Path, "appRoleAssignments").Count);
        Assert.Equal(options.Secrets, Items(Path.Combine(folder.Path, "keyvault", TenantGenerator.VaultName, "secrets.json")).Count());
        Assert.Equal(result.Bytes, Directory.GetFiles(folder.Path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length));
    }

    [Fact]
    public void Grants_assignments_and_keys_reference_objects_of_the_generated_set()
    {
        using var folder = new FixtureFolder();
        TenantGenerator.Generate(Small(11), folder.Path);

        var principals = GraphItems(folder.Path, "servicePrincipals");
        var ids = principals.Select(p => p.GetProperty("id").GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Equal(principals.Count, ids.Count);
        var graph = principals.Single(p => p.GetProperty("appId").GetString() == "00000003-0000-0000-c000-000000000000");
        var roleIds = graph.GetProperty("appRoles").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToHashSet();
        var scopes = graph.GetProperty("oauth2PermissionScopes").EnumerateArray().Select(r => r.GetProperty("value").GetString()).ToHashSet();

        var grants = GraphItems(folder.Path, "oauth2PermissionGrants");
        Assert.All(grants, g =>
        {
            Assert.Contains(g.GetProperty("clientId").GetString()!, ids);
            Assert.Contains(g.GetProperty("resourceId").GetString()!, ids);
            Assert.All(g.GetProperty("scope").GetString()!.Split(' '), s => Assert.Contains(s, scopes));
        });
        Assert.Equal(grants.Count, grants.Select(g => g.GetProperty("id").GetString()).Distinct().Count());
        Assert.Contains(grants, g => g.GetProperty("consentType").GetString() == "AllPrincipals");

        var assignments = GraphItems(folder.Path, "appRoleAssignments");
        Assert.All(assignments, a =>
        {
            Assert.Contains(a.GetProperty("principalId").GetString()!, ids);
            Assert.Equal(graph.GetProperty("id").GetString(), a.GetProperty("resourceId").GetString());
            Assert.Contains(a.GetProperty("appRoleId").GetString(), roleIds);
        });
        Assert.Equal(assignments.Count, assignments.Select(a => a.GetProperty("id").GetString()).Distinct().Count());

        var appIds = principals.Select(p => p.GetProperty("appId").GetString()).ToHashSet();
        Assert.All(GraphItems(folder.Path, "applications"), a => Assert.Contains(a.GetProperty("appId").GetString(), appIds));

        // Every account has keys of a real shape; system-assigned identities of accounts are service principals of the set.
        var arm = Directory.GetFiles(Path.Combine(folder.Path, "arm", "resources")).SelectMany(Items).ToList();
        using var keys = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(folder.Path, "arm", "listKeys.json")));
        foreach (var account in arm.Where(r => r.GetProperty("type").GetString() == "Microsoft.CognitiveServices/accounts"))
        {
            var key1 = keys.RootElement.GetProperty(account.GetProperty("id").GetString()!).GetProperty("key1").GetString()!;
            Assert.Matches("^([A-Za-z0-9]{52}JQQJ99[A-Za-z0-9][A-L][A-Za-z0-9]{12}AAA[A-Z]ACOG[A-Za-z0-9]{4}|[0-9a-f]{32})$", key1);
            if (account.TryGetProperty("identity", out var identity))
            {
                Assert.Contains(identity.GetProperty("principalId").GetString()!, ids);
            }
        }
    }

    [Fact]
    public void Inconsistent_sizes_and_a_non_empty_folder_are_refused()
    {
        using var folder = new FixtureFolder();
        var tooFewResources = Small(1);
        tooFewResources.Resources = 100;
        Assert.Throws<ArgumentException>(() => TenantGenerator.Generate(tooFewResources, folder.Path));

        folder.WriteText("tenant.json", "{}");
        Assert.Throws<IOException>(() => TenantGenerator.Generate(Small(1), folder.Path));
    }

    [Fact]
    public void Presets_have_the_benchmark_sizes()
    {
        var large = TenantGenerationOptions.FromPreset("s-large");
        Assert.Equal((1_000, 100_000, 10_000, 20_000, 50_000, 20_000, 100_000),
            (large.Subscriptions, large.Resources, large.AiAccounts, large.Deployments, large.ServicePrincipals, large.Applications, large.Grants));
        var small = TenantGenerationOptions.FromPreset("S-small", seed: 3);
        Assert.Equal((3, 10, 1_000, 100), (small.Seed, small.Subscriptions, small.Resources, small.AiAccounts));
        Assert.Throws<ArgumentException>(() => TenantGenerationOptions.FromPreset("s-huge"));
    }

    private static SortedDictionary<string, string> HashFiles(string root) => new(
        Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(
            f => Path.GetRelativePath(root, f).Replace('\\', '/'),
            f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))),
        StringComparer.Ordinal);

    private static IEnumerable<JsonElement> Items(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(file));
        return document.RootElement.GetProperty("value").EnumerateArray().Select(e => e.Clone()).ToList();
    }

    private static List<JsonElement> GraphItems(string root, string collection) =>
        Items(Path.Combine(root, "graph", "v1.0", collection + ".json")).ToList();
}
