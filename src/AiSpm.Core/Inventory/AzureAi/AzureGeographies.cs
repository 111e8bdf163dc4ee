namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>
/// The data-residency area of an Azure region: its Azure geography, with the EU and EFTA regions together as the EU
/// Data Boundary. A region not listed has no known area (a check that needs it answers Unknown).
/// </summary>
public static class AzureGeographies
{
    private static readonly Dictionary<string, string> ByRegion = Build(
        ("United States", ["eastus", "eastus2", "centralus", "northcentralus", "southcentralus", "westcentralus", "westus", "westus2", "westus3", "eastus2euap", "centraluseuap"]),
        ("Canada", ["canadacentral", "canadaeast"]),
        ("Brazil", ["brazilsouth", "brazilsoutheast"]),
        ("Mexico", ["mexicocentral"]),
        ("EU Data Boundary", ["northeurope", "westeurope", "francecentral", "francesouth", "germanywestcentral", "germanynorth", "swedencentral", "swedensouth",
            "polandcentral", "italynorth", "spaincentral", "norwayeast", "norwaywest", "switzerlandnorth", "switzerlandwest", "austriaeast", "belgiumcentral", "denmarkeast"]),
        ("United Kingdom", ["uksouth", "ukwest"]),
        ("Asia Pacific", ["eastasia", "southeastasia", "malaysiawest", "indonesiacentral"]),
        ("Australia", ["australiaeast", "australiasoutheast", "australiacentral", "australiacentral2"]),
        ("New Zealand", ["newzealandnorth"]),
        ("Japan", ["japaneast", "japanwest"]),
        ("Korea", ["koreacentral", "koreasouth"]),
        ("India", ["centralindia", "southindia", "westindia", "jioindiawest", "jioindiacentral"]),
        ("United Arab Emirates", ["uaenorth", "uaecentral"]),
        ("Qatar", ["qatarcentral"]),
        ("Israel", ["israelcentral"]),
        ("South Africa", ["southafricanorth", "southafricawest"]));

    /// <summary>The area of <paramref name="region"/> (ARM name or display name), or null when it is not known.</summary>
    public static string? Of(string? region) =>
        region is null ? null : ByRegion.GetValueOrDefault(region.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant());

    private static Dictionary<string, string> Build(params (string Area, string[] Regions)[] areas) =>
        areas.SelectMany(a => a.Regions.Select(r => (Region: r, a.Area))).ToDictionary(x => x.Region, x => x.Area, StringComparer.Ordinal);
}
