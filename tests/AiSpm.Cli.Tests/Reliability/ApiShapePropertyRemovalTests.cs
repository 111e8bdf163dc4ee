using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AiSpm.Application.Scanning;
using AiSpm.Cli.Emulation;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Reliability;

/// <summary>
/// The demo tenant's answers that the connectors read through the real SDK clients — app settings, deployment history,
/// account keys, the subscription list, the AI Search data plane, Key Vault secrets, the Power Platform environments and
/// the Dataverse tables of Copilot Studio agents — each served by the emulator
/// with one property of its objects removed in turn, and scanned end to end: the scan completes every time (a check
/// whose input is gone is Unknown or a coverage gap, never an abort). Properties that address an object (<c>id</c>,
/// <c>name</c>, <c>type</c>, a secret's <c>value</c>) stay: without them the service would not have answered it.
/// </summary>
public sealed class ApiShapePropertyRemovalTests
{
    private static readonly string[] Addressing = ["id", "name", "type", "subscriptionId", "value", "botid"];

    public static TheoryData<string> Files() => new()
    {
        "arm/appSettings.json", "arm/deployments.json", "arm/listKeys.json", "arm/subscriptions.json",
        "search/srch-contoso-prod.json", "search/srch-contoso-dev.json", "keyvault/kv-contoso-ai-prod/secrets.json",
        "powerplatform/environments.json", "dataverse/a3f0c2d1-6b7e-4c8d-9e0f-1a2b3c4d5e6f/bots.json",
        "dataverse/a3f0c2d1-6b7e-4c8d-9e0f-1a2b3c4d5e6f/botcomponents.json", "dataverse/a3f0c2d1-6b7e-4c8d-9e0f-1a2b3c4d5e6f/systemusers.json",
    };

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Every_property_removed_in_turn_leaves_a_scan_that_completes(string file)
    {
        var demo = FixtureLocator.Resolve("demo-tenant");
        var original = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(demo, file)))!.AsObject();
        var names = Objects(original).SelectMany(o => o.Select(p => p.Key)).Distinct(StringComparer.Ordinal).Except(Addressing).ToList();
        Assert.NotEmpty(names);

        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 3 }, async (name, ct) =>
        {
            var folder = Directory.CreateTempSubdirectory("aispm-shape-");
            try
            {
                foreach (var source in Directory.EnumerateFiles(demo, "*", SearchOption.AllDirectories))
                {
                    var target = Path.Combine(folder.FullName, Path.GetRelativePath(demo, source));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(source, target);
                }

                var changed = original.DeepClone().AsObject();
                foreach (var item in Objects(changed))
                {
                    item.Remove(name);
                }

                await File.WriteAllTextAsync(Path.Combine(folder.FullName, file), changed.ToJsonString(), ct);
                await using var tenant = await EmulatedTenant.StartAsync(folder.FullName);
                var report = await new TenantScanner(tenant.ConnectArm(), graph: tenant.ConnectGraph(), fingerprintKey: new byte[32],
                    vaults: (_, vault) => tenant.Server.VaultUris.ContainsKey(vault) ? tenant.ConnectVault(vault) : null, powerPlatform: true).ScanAsync("shape", cancellationToken: ct);
                if (report.Inventory.Resources.Count == 0 || report.Results.Any(r => r.Outcome == AiSpm.Core.Rules.RuleOutcome.Error))
                {
                    failures.Add($"without {name}: {report.Inventory.Resources.Count} resources, errors: {string.Join("; ", report.Results.Where(r => r.Outcome == AiSpm.Core.Rules.RuleOutcome.Error).Select(r => r.Message).Take(2))}");
                }
            }
            catch (Exception ex)
            {
                failures.Add($"without {name}: {ex.GetType().Name}: {ex.Message}");
            }
            finally
            {
                folder.Delete(recursive: true);
            }
        });

        Assert.True(failures.IsEmpty, $"{file}: {failures.Count} of {names.Count} variants failed:\n{string.Join('\n', failures)}");
    }

    // The objects of an answer file: a list's items, a map's values (or the items of its lists), or the object itself.
    private static IEnumerable<JsonObject> Objects(JsonObject document) => document["value"] is JsonArray values
        ? values.OfType<JsonObject>()
        : document.Select(p => p.Value).Any(v => v is JsonObject or JsonArray)
            ? document.Select(p => p.Value).SelectMany(v => v is JsonArray a ? a.OfType<JsonObject>() : v is JsonObject o ? [o] : [])
            : [document];
}
