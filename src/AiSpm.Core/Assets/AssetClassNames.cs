namespace AiSpm.Core.Assets;

/// <summary>The names asset classes go by in the API, the CLI (<c>--kind</c>) and the exports: <c>ai-resource</c>, <c>ai-app</c>, ….</summary>
public static class AssetClassNames
{
    private static readonly Dictionary<AssetClass, string> Names = new()
    {
        [AssetClass.AiResource] = "ai-resource",
        [AssetClass.AiApp] = "ai-app",
        [AssetClass.CopilotPackage] = "copilot-package",
        [AssetClass.AgentIdentity] = "agent-identity",
        [AssetClass.AgentBlueprint] = "agent-blueprint",
        [AssetClass.KeyConsumer] = "key-consumer",
        [AssetClass.Identity] = "identity",
        [AssetClass.CopilotStudioAgent] = "copilot-studio-agent",
    };

    /// <summary>Every name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<AssetClass>().Select(c => Names[c])];

    /// <summary>The name of <paramref name="assetClass"/>.</summary>
    public static string Of(AssetClass assetClass) => Names[assetClass];

    /// <summary>The class named <paramref name="name"/> exactly, or false.</summary>
    public static bool TryParse(string? name, out AssetClass assetClass)
    {
        foreach (var (candidate, text) in Names)
        {
            if (string.Equals(text, name, StringComparison.Ordinal))
            {
                assetClass = candidate;
                return true;
            }
        }

        assetClass = default;
        return false;
    }
}
