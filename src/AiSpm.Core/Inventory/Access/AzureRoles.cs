namespace AiSpm.Core.Inventory.Access;

/// <summary>
/// The Azure built-in roles attack paths reason about, by their fixed definition ids (the same in every tenant), and
/// what they let a principal do. A role not listed here (another built-in role, a custom role) is named by its
/// definition id and counts as neither, so a path through it is not claimed.
/// </summary>
public static class AzureRoles
{
    private static readonly Dictionary<string, string> BuiltIn = new(StringComparer.OrdinalIgnoreCase)
    {
        ["8e3af657-a8ff-443c-a75c-2fe8c4bcb635"] = "Owner",
        ["b24988ac-6180-42a0-ab88-20f7382dd24c"] = "Contributor",
        ["acdd72a7-3385-48ef-bd42-f606fba81ae7"] = "Reader",
        ["18d7d88d-d35e-4fb5-a5c3-7773c20a72d9"] = "User Access Administrator",
        ["f58310d9-a9f6-439a-9e8d-f62e7b41a168"] = "Role Based Access Control Administrator",
        ["ba92f5b4-2d11-453d-a403-e96b0029c9fe"] = "Storage Blob Data Contributor",
        ["b7e6dc6d-f1e8-4753-8033-0f276bb0955b"] = "Storage Blob Data Owner",
        ["2a2b9908-6ea1-4ae2-8e65-a410df84e7d1"] = "Storage Blob Data Reader",
        ["17d1049b-9a84-46fb-8f53-869881c3d3ab"] = "Storage Account Contributor",
        ["00482a5a-887f-4fb3-b363-3b7fe8e74483"] = "Key Vault Administrator",
        ["b86a8fe4-44ce-4948-aee5-eccb2c155cd7"] = "Key Vault Secrets Officer",
        ["4633458b-17de-408a-b874-0445c86b69e6"] = "Key Vault Secrets User",
        ["f25e0fa2-a7c8-4377-a976-54943a77a395"] = "Key Vault Contributor",
        ["5e0bd9bd-7b93-4f28-af87-19fc36ad61bd"] = "Cognitive Services OpenAI User",
        ["a97b65f3-24c7-4388-baec-2e87135dc908"] = "Cognitive Services User",
        ["a001fd3d-188f-4b5d-821b-7da978bf7442"] = "Cognitive Services OpenAI Contributor",
        ["25fbc0a9-bd7c-42a3-aa1a-3b75d497ee68"] = "Cognitive Services Contributor",
        ["64702f94-c441-49e6-a78b-ef80e0188fee"] = "Azure AI Developer",
        ["1407120a-92aa-4202-b7e9-c0e197c71c8f"] = "Search Index Data Reader",
        ["7ca78c08-252a-4471-8644-bb5ff32d4ba0"] = "Search Service Contributor",
        ["8ebe5a00-799e-43f5-93ac-243d3dce84a7"] = "Search Index Data Contributor",
    };

    /// <summary>Roles that control a whole scope (and so everything in it).</summary>
    private static readonly HashSet<string> Privileged = new(StringComparer.Ordinal) { "Owner", "Contributor", "User Access Administrator", "Role Based Access Control Administrator" };

    /// <summary>Roles that write to storage data or Key Vault secrets (or can grant themselves that).</summary>
    private static readonly HashSet<string> DataWriters = new(StringComparer.Ordinal)
    {
        "Owner", "Contributor", "Storage Blob Data Contributor", "Storage Blob Data Owner", "Storage Account Contributor",
        "Key Vault Administrator", "Key Vault Secrets Officer", "Key Vault Contributor",
    };

    /// <summary>The name of a built-in role from its definition id (a GUID or a full <c>…/roleDefinitions/{guid}</c> id), or null when it is not one listed.</summary>
    public static string? NameOf(string roleDefinitionId)
    {
        ArgumentNullException.ThrowIfNull(roleDefinitionId);
        var guid = roleDefinitionId.TrimEnd('/');
        guid = guid[(guid.LastIndexOf('/') + 1)..];
        return BuiltIn.GetValueOrDefault(guid);
    }

    /// <summary>True for Owner, Contributor and the roles that assign roles.</summary>
    public static bool IsPrivileged(string? roleName) => roleName is not null && Privileged.Contains(roleName);

    /// <summary>True for roles that can write storage data or Key Vault secrets on their scope.</summary>
    public static bool WritesData(string? roleName) => roleName is not null && DataWriters.Contains(roleName);
}
