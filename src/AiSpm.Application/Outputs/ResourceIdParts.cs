namespace AiSpm.Application.Outputs;

/// <summary>Reads the type and name out of an ARM id (or a Graph object path) for output formats that want them apart.</summary>
public static class ResourceIdParts
{
    /// <summary>The resource type, lower case (<c>microsoft.cognitiveservices/accounts/deployments</c>), or <c>graph</c> / <c>unknown</c>.</summary>
    public static string TypeOf(string resourceId)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        if (resourceId.StartsWith(Core.Findings.FindingScope.PowerPlatformPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return "powerplatform/bots";
        }

        if (resourceId.StartsWith("graph:", StringComparison.OrdinalIgnoreCase))
        {
            var parts = resourceId["graph:".Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
            return parts.Length > 0 ? "graph/" + parts[0].ToLowerInvariant() : "graph";
        }

        var segments = resourceId.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var providers = Array.FindLastIndex(segments, s => s.Equals("providers", StringComparison.OrdinalIgnoreCase));
        if (providers < 0 || providers + 2 >= segments.Length)
        {
            return segments.Length >= 2 && segments[0].Equals("subscriptions", StringComparison.OrdinalIgnoreCase) ? "microsoft.resources/subscriptions" : "unknown";
        }

        var type = new List<string> { segments[providers + 1] };
        for (var i = providers + 2; i < segments.Length; i += 2)
        {
            type.Add(segments[i]);
        }

        return string.Join('/', type).ToLowerInvariant();
    }

    /// <summary>The name people know a finding's resource by: a Copilot Studio agent's name, else the last segment of its id.</summary>
    public static string DisplayNameOf(Core.Findings.Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return finding.Key.ResourceId.StartsWith(Core.Findings.FindingScope.PowerPlatformPrefix, StringComparison.OrdinalIgnoreCase)
            && finding.Evidence.TryGetValue("agent", out var agent) && agent.Length > 0
            ? agent
            : NameOf(finding.Key.ResourceId);
    }

    /// <summary>The last segment of a resource id (an ARM name, a Graph object id, a botid).</summary>
    public static string NameOf(string resourceId)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        var trimmed = resourceId.TrimEnd('/');
        return trimmed[(trimmed.LastIndexOf('/') + 1)..];
    }
}
