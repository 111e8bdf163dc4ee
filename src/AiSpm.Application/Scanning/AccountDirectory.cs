using System.Text.Json;
using AiSpm.Core.Assets;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Application.Scanning;

/// <summary>
/// The AI accounts and Search services of an inventory, found by an endpoint host (<see cref="AiEndpointDirectory"/>)
/// or by subscription: the candidates whose keys an exposed key may be, and the targets of the endpoints apps call.
/// </summary>
internal sealed class AccountDirectory
{
    private readonly AiEndpointDirectory _endpoints = new();
    private readonly Dictionary<string, List<string>> _bySubscription = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The accounts and Search services among <paramref name="assets"/> (top-level resources of the rotatable families).</summary>
    public static AccountDirectory Of(IEnumerable<Asset> assets)
    {
        var directory = new AccountDirectory();
        foreach (var asset in assets)
        {
            if (Connectors.Remediation.RotatableKeyFamily.For(asset.ResourceId) is not null && asset.ResourceId.Count(c => c == '/') == 8)
            {
                directory.Add(asset);
            }
        }

        return directory;
    }

    public void Add(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        _endpoints.Add(asset.ResourceId, Labels(asset));

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
        if (_endpoints.Resolve(endpointHost) is { } named)
        {
            candidates.Add(named);
        }

        if (subscription is { Length: > 0 } && _bySubscription.TryGetValue(subscription, out var sameSubscription))
        {
            candidates.AddRange(sameSubscription.Where(id => !candidates.Contains(id, StringComparer.OrdinalIgnoreCase)));
        }

        return candidates;
    }

    /// <summary>The account or Search service <paramref name="endpointHost"/> names, or null.</summary>
    public string? Resolve(string? endpointHost) => _endpoints.Resolve(endpointHost);

    private static IEnumerable<string?> Labels(Asset asset)
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
