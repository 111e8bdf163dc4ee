using AiSpm.Core.Secrets;

namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>
/// Finds the AI account or Search service an endpoint host names, by the host's first DNS label (the resource's name
/// or its custom subdomain) within the host's family (<c>*.search.windows.net</c> names a Search service, the
/// Cognitive Services hosts an account). A label two resources of one family answer to names neither.
/// </summary>
public sealed class AiEndpointDirectory
{
    private readonly Dictionary<string, string> _byLabel = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _ambiguous = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The directory of the accounts and Search services among <paramref name="resources"/>.</summary>
    public static AiEndpointDirectory Of(IEnumerable<AiResource> resources)
    {
        ArgumentNullException.ThrowIfNull(resources);
        var directory = new AiEndpointDirectory();
        foreach (var resource in resources)
        {
            if (resource.Family is AiResourceFamily.CognitiveServicesAccount or AiResourceFamily.SearchService)
            {
                directory.Add(resource.Id, [resource.Name, resource.PropertyString("customSubDomainName")]);
            }
        }

        return directory;
    }

    /// <summary>Adds a resource answering to <paramref name="labels"/> (null or empty labels are ignored); its family comes from its id's type.</summary>
    public void Add(string resourceId, IEnumerable<string?> labels)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        ArgumentNullException.ThrowIfNull(labels);
        var family = resourceId.Contains("/Microsoft.Search/", StringComparison.OrdinalIgnoreCase) ? AzureEndpointFamily.Search : AzureEndpointFamily.CognitiveServices;
        foreach (var label in labels.OfType<string>().Where(l => l.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            var key = Key(family, label);
            if (!_byLabel.TryAdd(key, resourceId) && !string.Equals(_byLabel[key], resourceId, StringComparison.OrdinalIgnoreCase))
            {
                _ambiguous.Add(key);
            }
        }
    }

    /// <summary>The id of the resource <paramref name="host"/> names, or null when none or more than one does.</summary>
    public string? Resolve(string? host)
    {
        if (string.IsNullOrWhiteSpace(host))
        {
            return null;
        }

        var trimmed = host.Trim().TrimEnd('.').ToLowerInvariant();
        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        var label = dot < 0 ? trimmed : trimmed[..dot];
        var family = trimmed.EndsWith(".search.windows.net", StringComparison.Ordinal) ? AzureEndpointFamily.Search : AzureEndpointFamily.CognitiveServices;
        var key = Key(family, label);
        return !_ambiguous.Contains(key) && _byLabel.TryGetValue(key, out var id) ? id : null;
    }

    private static string Key(AzureEndpointFamily family, string label) => family + ":" + label.ToLowerInvariant();
}
