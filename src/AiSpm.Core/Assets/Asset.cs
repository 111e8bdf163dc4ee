using AiSpm.Core.Findings;

namespace AiSpm.Core.Assets;

/// <summary>One entry of the AI inventory: a resource or directory object AiSpm discovered.</summary>
public sealed record Asset
{
    /// <summary>ARM id, or a Graph object path such as <c>graph:/servicePrincipals/{id}</c>.</summary>
    public required string ResourceId { get; init; }

    /// <summary>What the entry is (an Azure AI resource unless said otherwise).</summary>
    public AssetClass Class { get; init; } = AssetClass.AiResource;

    /// <summary>The resource type (<c>microsoft.cognitiveservices/accounts</c>, <c>graph/servicePrincipal</c>, …), lower case.</summary>
    public required string Type { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>The kind (OpenAI, AIServices, Hub, …), if the resource has one.</summary>
    public string? Kind { get; init; }

    /// <summary>Azure region, if any.</summary>
    public string? Location { get; init; }

    /// <summary>Resource tags.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>Normalised posture facts as JSON (network exposure, auth, identity, encryption, …).</summary>
    public string? PropertiesJson { get; init; }

    /// <summary>When a scan last saw it (set by the store on reading; null before it is stored).</summary>
    public DateTimeOffset? LastSeen { get; init; }

    /// <summary>
    /// <see cref="PropertiesJson"/> parsed, or null when there is none or it is not JSON (a row edited by hand or by
    /// another tool): readers then show the asset without its facts rather than fail.
    /// </summary>
    public System.Text.Json.JsonElement? Facts()
    {
        if (PropertiesJson is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The scope the asset belongs to.</summary>
    public string Scope => FindingScope.Of(ResourceId);
}
