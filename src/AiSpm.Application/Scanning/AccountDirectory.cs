using System.Text.Json;
using AiSpm.Core.Assets;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Application.Scanning;

/// <summary>
/// The AI accounts and Search services of an inventory, found by the first label of an endpoint host (the resource's
/// name or custom subdomain) or by subscription: the candidates whose keys an exposed key may be. A label two
/// resources answer to names neither.
/// </summary>
internal sealed class AccountDirectory
{
    private readonly Dictionary<string, string> _byLabel = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _ambiguous = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<string>> _bySubscription = new(StringComparer.OrdinalIgnoreCase);

    public void Add(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        foreach (var label in Labels(asset))
        {
            if (!_byLabel.TryAdd(label, asset.ResourceId) && !string.Equals(_byLabel[label], asset.ResourceId, StringComparison.OrdinalIgnoreCase))
            {
                _ambiguous.Add(label);
            }
        }

        var subscription = ArmId.SubscriptionOf(asset.ResourceId);
        if (!_bySubscription.TryGetValue(subscription, out var list))
        {
            _bySubscription[subscription] = list = [];
        }

        list.Add(asset.ResourceId);
    }

    /// <summary>The account the endpoint host names, and with <paramref name="subscription"/> every account of that subscription.</summary>
    public IReadOnlyList<string> Candidates(string? endpointHost, string? subscription)
    {
        var candidates = new List<string>();
        if (endpointHost is not null && HostLabel(endpointHost) is var label && !_ambiguous.Contains(label) && _byLabel.TryGetValue(label, out var named))
        {
            candidates.Add(named);
        }

        if (subscription is { Length: > 0 } && _bySubscription.TryGetValue(subscription, out var sameSubscription))
        {
            candidates.AddRange(sameSubscription.Where(id => !candidates.Contains(id, StringComparer.OrdinalIgnoreCase)));
        }

        return candidates;
    }

    /// <summary>The first DNS label of an endpoint host (<c>oai-x</c> of <c>oai-x.openai.azure.com</c>), lower case.</summary>
    private static string HostLabel(string host)
    {
        var trimmed = host.Trim().TrimEnd('.').ToLowerInvariant();
        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? trimmed : trimmed[..dot];
    }

    private static IEnumerable<string> Labels(Asset asset)
    {
        yield return asset.Name.ToLowerInvariant();
        if (asset.PropertiesJson is null)
        {
            yield break;
        }

        using var properties = JsonDocument.Parse(asset.PropertiesJson);
        if (properties.RootElement.TryGetProperty("customSubDomainName", out var subdomain) && subdomain.ValueKind == JsonValueKind.String && subdomain.GetString() is { Length: > 0 } label)
        {
            yield return label.ToLowerInvariant();
        }
    }
}
