using System.Text.Json;

namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>
/// Reads the shared posture facts (network, local auth, encryption, outbound) from each family's own property
/// names, applying the service defaults Microsoft documents for properties ARM leaves out.
/// </summary>
internal static class ArmPostureReader
{
    public static AiResource Apply(AiResource r) => r.Family switch
    {
        AiResourceFamily.CognitiveServicesAccount => r with
        {
            Network = new NetworkExposure(
                PublicAccess(r.PropertyString("publicNetworkAccess"), defaultEnabled: true),
                r.PropertyString("networkAcls.defaultAction") is { } action ? action.Equals("Allow", StringComparison.OrdinalIgnoreCase) : null,
                IpRules(r.Property("networkAcls.ipRules")),
                Count(r.Property("networkAcls.virtualNetworkRules")),
                ApprovedPrivateEndpoints(r.Property("privateEndpointConnections"))),
            LocalAuthEnabled = !(r.PropertyBool("disableLocalAuth") ?? false),
            CustomerManagedKey = string.Equals(r.PropertyString("encryption.keySource"), "Microsoft.KeyVault", StringComparison.OrdinalIgnoreCase),
            OutboundRestricted = r.PropertyBool("restrictOutboundNetworkAccess") ?? false,
        },
        AiResourceFamily.GroundingStorage => r with
        {
            // Storage accounts: the same firewall shape as Cognitive Services (networkAcls), public access on by default.
            Network = new NetworkExposure(
                PublicAccess(r.PropertyString("publicNetworkAccess"), defaultEnabled: true),
                r.PropertyString("networkAcls.defaultAction") is { } storageAction ? storageAction.Equals("Allow", StringComparison.OrdinalIgnoreCase) : null,
                IpRules(r.Property("networkAcls.ipRules")),
                Count(r.Property("networkAcls.virtualNetworkRules")),
                ApprovedPrivateEndpoints(r.Property("privateEndpointConnections"))),
        },
        AiResourceFamily.SearchService => r with
        {
            Network = new NetworkExposure(
                PublicAccess(r.PropertyString("publicNetworkAccess"), defaultEnabled: true),
                Count(r.Property("networkRuleSet.ipRules")) == 0,
                IpRules(r.Property("networkRuleSet.ipRules")),
                0,
                ApprovedPrivateEndpoints(r.Property("privateEndpointConnections"))),
            LocalAuthEnabled = !(r.PropertyBool("disableLocalAuth") ?? false),
            CustomerManagedKey = string.Equals(r.PropertyString("encryptionWithCmk.enforcement"), "Enabled", StringComparison.OrdinalIgnoreCase),
        },
        AiResourceFamily.MachineLearningWorkspace => r with
        {
            Network = new NetworkExposure(
                PublicAccess(r.PropertyString("publicNetworkAccess"), defaultEnabled: true),
                Count(r.Property("ipAllowlist")) > 0 ? false : null,
                IpRules(r.Property("ipAllowlist")),
                0,
                ApprovedPrivateEndpoints(r.Property("privateEndpointConnections"))),
            CustomerManagedKey = string.Equals(r.PropertyString("encryption.status"), "Enabled", StringComparison.OrdinalIgnoreCase),
            OutboundRestricted = string.Equals(r.PropertyString("managedNetwork.isolationMode"), "AllowOnlyApprovedOutbound", StringComparison.OrdinalIgnoreCase),
        },
        AiResourceFamily.MachineLearningOnlineEndpoint => r with
        {
            Network = new NetworkExposure(PublicAccess(r.PropertyString("publicNetworkAccess"), defaultEnabled: true), null, [], 0, 0),
            LocalAuthEnabled = r.PropertyString("authMode") is { } mode ? mode.Equals("Key", StringComparison.OrdinalIgnoreCase) : null,
        },
        AiResourceFamily.BotService => r with
        {
            Network = new NetworkExposure(PublicAccess(r.PropertyString("publicNetworkAccess"), defaultEnabled: true), null, [], 0, 0),
            LocalAuthEnabled = !(r.PropertyBool("disableLocalAuth") ?? false),
            CustomerManagedKey = r.PropertyBool("isCmekEnabled") ?? false,
        },
        _ => r,
    };

    private static bool? PublicAccess(string? value, bool defaultEnabled) => value switch
    {
        null => defaultEnabled,
        _ when value.Equals("Disabled", StringComparison.OrdinalIgnoreCase) => false,
        _ when value.Equals("SecuredByPerimeter", StringComparison.OrdinalIgnoreCase) => false,
        _ => true,
    };

    private static IReadOnlyList<string> IpRules(JsonElement? rules)
    {
        if (rules is not { ValueKind: JsonValueKind.Array } array)
        {
            return [];
        }

        var list = new List<string>();
        foreach (var rule in array.EnumerateArray())
        {
            var value = rule.ValueKind == JsonValueKind.String ? rule.GetString()
                : rule.ValueKind == JsonValueKind.Object && rule.TryGetProperty("value", out var v) ? v.GetString() : null;
            if (!string.IsNullOrEmpty(value))
            {
                list.Add(value);
            }
        }

        return list;
    }

    private static int Count(JsonElement? array) => array is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength() : 0;

    private static int ApprovedPrivateEndpoints(JsonElement? connections)
    {
        if (connections is not { ValueKind: JsonValueKind.Array } array)
        {
            return 0;
        }

        var approved = 0;
        foreach (var connection in array.EnumerateArray())
        {
            if (connection.TryGetProperty("properties", out var p)
                && p.TryGetProperty("privateLinkServiceConnectionState", out var state)
                && state.TryGetProperty("status", out var status)
                && string.Equals(status.GetString(), "Approved", StringComparison.OrdinalIgnoreCase))
            {
                approved++;
            }
        }

        return approved;
    }
}
