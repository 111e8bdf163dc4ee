namespace AiSpm.Core.Rules.Paths;

/// <summary>What the scope of a role assignment covers: a subscription or resource group (everything in it), or one resource.</summary>
internal static class RoleScopes
{
    /// <summary>True for <c>/subscriptions/{id}</c> or <c>/subscriptions/{id}/resourceGroups/{name}</c> (and management groups).</summary>
    public static bool IsContainer(string scope)
    {
        var segments = scope.Trim('/').Split('/');
        return scope.Contains("/providers/Microsoft.Management/managementGroups/", StringComparison.OrdinalIgnoreCase)
            || (segments.Length == 2 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase))
            || (segments.Length == 4 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) && segments[2].Equals("resourceGroups", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>True for a storage account or key vault (or something inside one), or a container that holds them.</summary>
    public static bool HoldsData(string scope) => IsContainer(scope)
        || scope.Contains("/providers/Microsoft.Storage/storageAccounts/", StringComparison.OrdinalIgnoreCase)
        || scope.Contains("/providers/Microsoft.KeyVault/vaults/", StringComparison.OrdinalIgnoreCase);
}
