using System.Text.Json;

namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>
/// One AI asset of the AI-BOM, normalised from the ARM object (as ARM or Resource Graph return it): identity and
/// placement, the posture facts every rule family shares, and the raw <c>properties</c> for family-specific views.
/// A null posture member means the source did not say; rules report that as Unknown, never as a pass.
/// </summary>
public sealed record AiResource
{
    /// <summary>The ARM id as the API returned it.</summary>
    public required string Id { get; init; }

    /// <summary>The ARM type, lower case.</summary>
    public required string Type { get; init; }

    /// <summary>The family.</summary>
    public required AiResourceFamily Family { get; init; }

    /// <summary>The resource name (for child resources, the last segment).</summary>
    public required string Name { get; init; }

    /// <summary>Subscription id, lower case.</summary>
    public required string SubscriptionId { get; init; }

    /// <summary>Resource group name.</summary>
    public required string ResourceGroup { get; init; }

    /// <summary>The parent resource id for child resources (deployments, projects, computes, …), else null.</summary>
    public string? ParentId { get; init; }

    /// <summary>
    /// The parent a resource of <paramref name="type"/> and <paramref name="family"/> with <paramref name="id"/> lies
    /// under (what <see cref="ParentId"/> holds): the resource its id nests in, and for a grounding container the
    /// storage account it is in; null for a top-level resource.
    /// </summary>
    public static string? ParentOf(string id, string type, AiResourceFamily family) =>
        family == AiResourceFamily.GroundingContainer ? ArmId.TopLevelOf(id) : ArmId.ParentOf(id, type);

    /// <summary>The ARM <c>kind</c> (OpenAI, AIServices, Hub, Project, azurebot, …).</summary>
    public string? Kind { get; init; }

    /// <summary>Azure region.</summary>
    public string? Location { get; init; }

    /// <summary>SKU name.</summary>
    public string? SkuName { get; init; }

    /// <summary>Resource tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Network exposure, when the resource type has any.</summary>
    public NetworkExposure? Network { get; init; }

    /// <summary>True when local (key/API key) authentication is enabled; null when not stated.</summary>
    public bool? LocalAuthEnabled { get; init; }

    /// <summary>The managed identity type (None, SystemAssigned, UserAssigned, "SystemAssigned, UserAssigned"); null when not stated.</summary>
    public string? IdentityType { get; init; }

    /// <summary>
    /// Object ids of the managed identities the resource runs as: the system-assigned principal and every
    /// user-assigned one (<c>identity.principalId</c>, <c>identity.userAssignedIdentities.*.principalId</c>); empty when none is shown.
    /// </summary>
    public IReadOnlyList<string> IdentityPrincipalIds { get; init; } = [];

    /// <summary>True when data is encrypted with a customer-managed key; null when not stated.</summary>
    public bool? CustomerManagedKey { get; init; }

    /// <summary>True when outbound network access is restricted to an allow-list; null when not stated.</summary>
    public bool? OutboundRestricted { get; init; }

    /// <summary>Diagnostic settings that target this resource, filled when diagnostic settings were collected; null when they were not.</summary>
    public IReadOnlyList<DiagnosticSetting>? DiagnosticSettings { get; init; }

    /// <summary>The raw <c>properties</c> object (an empty object when absent).</summary>
    public required JsonElement Properties { get; init; }

    /// <summary>True when the resource has a managed identity.</summary>
    public bool? HasManagedIdentity => IdentityType is null ? null : !string.Equals(IdentityType, "None", StringComparison.OrdinalIgnoreCase);

    /// <summary>A nested property by dotted path under <c>properties</c> (case-insensitive), or null.</summary>
    public JsonElement? Property(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var current = Properties;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var found = false;
            foreach (var property in current.EnumerateObject())
            {
                if (string.Equals(property.Name, segment, StringComparison.OrdinalIgnoreCase))
                {
                    current = property.Value;
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return null;
            }
        }

        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    /// <summary>A string property by dotted path, or null.</summary>
    public string? PropertyString(string path) => Property(path) is { ValueKind: JsonValueKind.String } e ? e.GetString() : Property(path)?.ToString();

    /// <summary>A boolean property by dotted path (also accepts "true"/"false" strings), or null.</summary>
    public bool? PropertyBool(string path) => Property(path) switch
    {
        { ValueKind: JsonValueKind.True } => true,
        { ValueKind: JsonValueKind.False } => false,
        { ValueKind: JsonValueKind.String } e when bool.TryParse(e.GetString(), out var b) => b,
        _ => null,
    };
}
