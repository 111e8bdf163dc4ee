using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Policy;

/// <summary>What an exemption's scope is compared with: a result's resource and what the scan knows of it.</summary>
/// <param name="ResourceId">The result's resource id (ARM id or Graph path).</param>
/// <param name="Tags">The resource's tags, or those of its top-level resource for a child (deployment, compute); empty for directory objects.</param>
/// <param name="AppId">The application (client) id for a service principal or app registration, else null.</param>
/// <param name="PublisherId">The verified publisher id of an app, else null.</param>
public sealed record ExemptionTarget(string ResourceId, IReadOnlyDictionary<string, string> Tags, string? AppId = null, string? PublisherId = null)
{
    /// <summary>The subscription id for an ARM resource (lower case), else empty.</summary>
    public string SubscriptionId => ArmId.SubscriptionOf(ResourceId);

    /// <summary>The resource group for an ARM resource, else empty.</summary>
    public string ResourceGroup => ArmId.ResourceGroupOf(ResourceId);
}
