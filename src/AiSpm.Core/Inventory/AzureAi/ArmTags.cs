using System.Text.Json;

namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>Reads the <c>tags</c> of an ARM resource (names case-insensitive; a non-string value as its JSON text; none when absent or not an object).</summary>
public static class ArmTags
{
    /// <summary>The tags of <paramref name="resource"/>.</summary>
    public static Dictionary<string, string> Read(JsonElement resource)
    {
        var tags = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (resource.ValueKind == JsonValueKind.Object && resource.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Object)
        {
            foreach (var tag in t.EnumerateObject())
            {
                tags[tag.Name] = tag.Value.ValueKind == JsonValueKind.String ? tag.Value.GetString()! : tag.Value.GetRawText();
            }
        }

        return tags;
    }
}
