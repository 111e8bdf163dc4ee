namespace AiSpm.Core.Findings;

/// <summary>
/// The unit a scan covers and resolves within: an Azure subscription (<c>sub-{guid}</c>, lower case) or the
/// Entra tenant (<c>tenant</c>) for directory and Microsoft 365 objects.
/// </summary>
public static class FindingScope
{
    /// <summary>The scope of tenant-level objects (Graph, Copilot).</summary>
    public const string Tenant = "tenant";

    /// <summary>What a subscription's scope starts with, before its id in lower case.</summary>
    public const string SubscriptionPrefix = "sub-";

    /// <summary>The prefix of Copilot Studio agents' resource ids.</summary>
    public const string PowerPlatformPrefix = "powerplatform:/environments/";

    /// <summary>The scope of a resource id: its subscription, its Power Platform environment, else the tenant.</summary>
    public static string Of(string resourceId)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        if (resourceId.StartsWith(PowerPlatformPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var rest = resourceId[PowerPlatformPrefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var environment = slash < 0 ? rest : rest[..slash];
            if (environment.Length > 0)
            {
                return ForEnvironment(environment);
            }
        }

        const string marker = "/subscriptions/";
        if (resourceId.StartsWith(marker, StringComparison.OrdinalIgnoreCase))
        {
            var rest = resourceId.AsSpan(marker.Length);
            var end = rest.IndexOf('/');
            var subscription = (end < 0 ? rest : rest[..end]).ToString();
            if (subscription.Length > 0)
            {
                return ForSubscription(subscription);
            }
        }

        return Tenant;
    }

    /// <summary>The scope of a Power Platform environment's agents: one partition each, so an environment's shard resolves only its own.</summary>
    public static string ForEnvironment(string environmentId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(environmentId);
        return "env-" + environmentId.Trim().ToLowerInvariant();
    }

    /// <summary>The scope of a subscription id.</summary>
    public static string ForSubscription(string subscriptionId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        return SubscriptionPrefix + subscriptionId.Trim().ToLowerInvariant();
    }
}
