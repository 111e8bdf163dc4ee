using AiSpm.Cli.Emulation;
using AiSpm.Core.Secrets;
using AiSpm.Application.Scanning;

namespace AiSpm.Testing;

/// <summary>The fake keys the demo tenant plants (found with the product's own detectors), for canary assertions.</summary>
public static class PlantedSecrets
{
    /// <summary>Every key value the detectors find in the demo tenant's ARM fixture files.</summary>
    public static Task<IReadOnlyList<string>> InDemoTenantAsync() => InTenantAsync(FixtureLocator.Resolve("demo-tenant"));

    /// <summary>Every key value the detectors find in the ARM files of a fixture folder (a test's modified copy of the demo tenant).</summary>
    public static async Task<IReadOnlyList<string>> InTenantAsync(string fixtureFolder)
    {
        var arm = Path.Combine(fixtureFolder, "arm");
        using var fingerprinter = new SecretFingerprinter(new byte[32]);
        var scanner = new SecretScanner(fingerprinter);
        var secrets = new List<string>();
        foreach (var file in Directory.GetFiles(arm, "*.json", SearchOption.AllDirectories))
        {
            var text = await File.ReadAllTextAsync(file);
            secrets.AddRange(scanner.ScanText(text).Select(m => text.Substring(m.Offset, m.Length)));
        }

        return secrets;
    }

    /// <summary>The middle of a key (its masked hint shows at most four characters at each end), which must never appear.</summary>
    public static string Core(string secret) => secret[4..^4];
}
