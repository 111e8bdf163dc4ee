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
    /// The id of the top-level resource an id is or lies under (<c>…/accounts/a/deployments/d</c> → <c>…/accounts/a</c>,
    /// a role assignment's scope → the resource it is on), or null when the id names no provider resource (a
    /// subscription or resource group scope, a URL).
    /// </summary>
    public static string? TopLevelOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var parts = id.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var providers = Array.FindIndex(parts, p => p.Equals("providers", StringComparison.OrdinalIgnoreCase));
        return providers < 0 || providers + 3 >= parts.Length ? null : "/" + string.Join('/', parts.Take(providers + 4));
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
