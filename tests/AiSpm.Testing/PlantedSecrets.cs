using AiSpm.Cli.Emulation;
using AiSpm.Core.Secrets;
using AiSpm.Application.Scanning;

namespace AiSpm.Testing;

/// <summary>
/// The fake keys and personal data the demo tenant plants (found with the product's own detectors), for canary
/// assertions: keys in its ARM files, keys in the connection strings of its AI Search data sources, and the
/// credentials and personal data in its blobs that no other API of the fixture also serves (a user's address that
/// Graph lists is not a blob's secret).
/// </summary>
public static class PlantedSecrets
{
    /// <summary>Every planted value of the demo tenant (see the class summary).</summary>
    public static Task<IReadOnlyList<string>> InDemoTenantAsync() => InTenantAsync(FixtureLocator.Resolve("demo-tenant"));

    /// <summary>Every planted value of a fixture folder (a test's modified copy of the demo tenant).</summary>
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

        foreach (var file in Directory.Exists(Path.Combine(fixtureFolder, "dataverse")) ? Directory.GetFiles(Path.Combine(fixtureFolder, "dataverse"), "*.json", SearchOption.AllDirectories) : [])
        {
            // Credentials planted in Copilot Studio agents (a key in a topic's HTTP header).
            var text = await File.ReadAllTextAsync(file);
            secrets.AddRange(scanner.ScanText(text).Select(m => text.Substring(m.Offset, m.Length)));
        }

        foreach (var file in Directory.Exists(Path.Combine(fixtureFolder, "search")) ? Directory.GetFiles(Path.Combine(fixtureFolder, "search"), "*.json") : [])
        {
            secrets.AddRange(System.Text.RegularExpressions.Regex.Matches(await File.ReadAllTextAsync(file), "(?:AccountKey|SharedAccessSignature|Password)=(?<secret>[^;\"]{12,})")
                .Select(m => m.Groups["secret"].Value));
        }

        var blobs = Path.Combine(fixtureFolder, "blob");
        if (Directory.Exists(blobs))
        {
            var elsewhere = string.Concat(await Task.WhenAll(Directory.GetFiles(fixtureFolder, "*.json", SearchOption.AllDirectories)
                .Where(f => !f.StartsWith(blobs, StringComparison.Ordinal)).Select(f => File.ReadAllTextAsync(f))));
            var personalData = new AiSpm.Core.DataClassification.PersonalDataClassifier(AiSpm.Connectors.DataClassification.PersonalDataDetectors.All);
            foreach (var file in Directory.GetFiles(blobs, "*", SearchOption.AllDirectories))
            {
                var text = await File.ReadAllTextAsync(file);
                secrets.AddRange(scanner.ScanText(text).Select(m => text.Substring(m.Offset, m.Length))
                    .Concat(personalData.Find(text).Select(m => text.Substring(m.Offset, m.Length)))
                    .Where(value => value.Length >= 12 && !elsewhere.Contains(value, StringComparison.OrdinalIgnoreCase)));
            }
        }

        return secrets;
    }

    /// <summary>The middle of a key (its masked hint shows at most four characters at each end), which must never appear.</summary>
    public static string Core(string secret) => secret[4..^4];
}
