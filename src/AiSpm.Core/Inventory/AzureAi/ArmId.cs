namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>Reads the parts of an ARM resource id.</summary>
public static class ArmId
{
    /// <summary>The subscription id, lower case, or empty.</summary>
    public static string SubscriptionOf(string id) => Segment(id, "subscriptions")?.ToLowerInvariant() ?? string.Empty;

    /// <summary>The resource group name, or empty.</summary>
    public static string ResourceGroupOf(string id) => Segment(id, "resourceGroups") ?? string.Empty;

    /// <summary>The parent id of a child resource (one type segment deeper than its provider's top level), else null.</summary>
    public static string? ParentOf(string id, string type)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(type);
        var typeDepth = type.Count(c => c == '/');
        if (typeDepth < 2)
        {
            return null;
        }

        var trimmed = id.TrimEnd('/');
        var cut = trimmed.LastIndexOf('/');
        cut = cut > 0 ? trimmed.LastIndexOf('/', cut - 1) : -1;
        return cut > 0 ? trimmed[..cut] : null;
    }

    /// <summary>
    /// The top-level resource an id names or lies under (<c>/subscriptions/s/resourceGroups/g/providers/ns/type/name</c>
    /// of a child resource or of the resource itself), or null when the id is a subscription or resource group scope.
    /// </summary>
    public static string? TopLevelOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length >= 8 && parts[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase)
            && parts[2].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase) && parts[4].Equals("providers", StringComparison.OrdinalIgnoreCase)
            ? "/" + string.Join('/', parts[..8])
            : null;
    }

    private static string? Segment(string id, string name)
    {
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length - 1; i++)
        {
            if (parts[i].Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return parts[i + 1];
            }
        }

        return null;
    }
}
