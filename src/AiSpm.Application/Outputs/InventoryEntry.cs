using System.Text.Json;
using AiSpm.Core.Assets;

namespace AiSpm.Application.Outputs;

/// <summary>
/// One inventory entry as the API (<c>GET /api/inventory</c>) and <c>aispm inventory --json</c> write it: <c>kind</c> is the
/// asset class (<c>ai-resource</c>, <c>ai-app</c>, …); <c>resourceKind</c> the resource's own kind (<c>OpenAI</c>, <c>Hub</c>, …).
/// </summary>
public sealed record InventoryEntry(
    string Id,
    string Kind,
    string Type,
    string Name,
    string? ResourceKind,
    string? Location,
    string Scope,
    DateTimeOffset? LastSeen,
    IReadOnlyDictionary<string, string> Tags,
    JsonElement? Properties)
{
    /// <summary>The entry of <paramref name="asset"/>.</summary>
    public static InventoryEntry Of(Asset asset)
    {
        ArgumentNullException.ThrowIfNull(asset);
        return new InventoryEntry(asset.ResourceId, AssetClassNames.Of(asset.Class), asset.Type, asset.Name, asset.Kind, asset.Location, asset.Scope, asset.LastSeen, asset.Tags, asset.Facts());
    }
}
