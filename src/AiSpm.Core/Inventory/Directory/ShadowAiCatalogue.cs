using System.Text.RegularExpressions;

namespace AiSpm.Core.Inventory.Directory;

/// <summary>How sure a shadow-AI match is.</summary>
public enum AiMatchConfidence
{
    /// <summary>Matched a name heuristic only (GPT, AI assistant, copilot, notetaker…).</summary>
    Low,

    /// <summary>Matched a known product by display name.</summary>
    Medium,

    /// <summary>Matched a known product by its verified publisher (or a stable appId).</summary>
    High,
}

/// <summary>A known AI product.</summary>
/// <param name="Product">Product name.</param>
/// <param name="Vendor">Vendor.</param>
/// <param name="Category">assistant, notetaker, writing, search, productivity.</param>
/// <param name="Publishers">Verified publisher names that identify it (case-insensitive exact match).</param>
/// <param name="NamePattern">Regular expression over the display name.</param>
/// <param name="AppIds">appIds known to be stable for the product (empty unless genuinely known).</param>
public sealed record AiProduct(string Product, string Vendor, string Category, IReadOnlyList<string> Publishers, string NamePattern, IReadOnlyList<string> AppIds);

/// <summary>Why an app is believed to be an AI app.</summary>
/// <param name="Product">The catalogue product, or null for a heuristic match.</param>
/// <param name="Confidence">How sure.</param>
/// <param name="Reason">What matched.</param>
public sealed record AiAppMatch(AiProduct? Product, AiMatchConfidence Confidence, string Reason);

/// <summary>
/// Versioned catalogue of third-party AI apps met in Entra tenants, and name heuristics for the ones it does not
/// know. Matching order: stable appId, verified publisher, product name, then heuristics (low confidence).
/// Microsoft first-party apps and managed identities are never matched.
/// </summary>
public static partial class ShadowAiCatalogue
{
    /// <summary>Data set version: bump when entries change.</summary>
    public const string Version = "2026.11.1";

    /// <summary>Where the entries come from.</summary>
    public const string Source =
        "Vendor and product names of widely used generative-AI assistants, meeting notetakers and writing tools that sign in with " +
        "Microsoft Entra ID; publisher names as vendors register them. No appIds are listed: they differ per vendor registration and " +
        "region, so matching relies on verified publisher and display name.";

    /// <summary>Microsoft's first-party app owner tenants.</summary>
    public static IReadOnlyList<string> MicrosoftTenants { get; } = ["f8cdef31-a31e-4b4a-93e4-5f571e91255a", "72f988bf-86f1-41af-91ab-2d7cd011db47"];

    /// <summary>The known products.</summary>
    public static IReadOnlyList<AiProduct> Products { get; } =
    [
        new("ChatGPT", "OpenAI", "assistant", ["OpenAI", "OpenAI, L.L.C.", "OpenAI OpCo, LLC"], @"^(ChatGPT|OpenAI)\b", []),
        new("Claude", "Anthropic", "assistant", ["Anthropic", "Anthropic PBC"], @"^(Claude|Anthropic)\b", []),
        new("Perplexity", "Perplexity AI", "assistant", ["Perplexity AI", "Perplexity AI, Inc."], @"^Perplexity\b", []),
        new("Gemini", "Google", "assistant", [], @"^(Google )?Gemini\b", []),
        new("Otter.ai", "Otter.ai", "notetaker", ["Otter.ai", "Otter.ai, Inc."], @"^Otter(\.ai)?\b", []),
        new("Fireflies.ai", "Fireflies.ai", "notetaker", ["Fireflies.ai", "Fireflies.ai Corp"], @"^Fireflies(\.ai)?\b", []),
        new("Read AI", "Read AI", "notetaker", ["Read AI", "Read AI, Inc."], @"^Read ?AI\b", []),
        new("Fathom", "Fathom Video", "notetaker", ["Fathom Video", "Fathom Video, Inc."], @"^Fathom\b", []),
        new("tl;dv", "tl;dv", "notetaker", ["tl;dv", "tldx Solutions GmbH"], @"^tl;?dv\b", []),
        new("Avoma", "Avoma", "notetaker", ["Avoma", "Avoma, Inc."], @"^Avoma\b", []),
        new("Grammarly", "Grammarly", "writing", ["Grammarly", "Grammarly, Inc."], @"^Grammarly\b", []),
        new("Jasper", "Jasper AI", "writing", ["Jasper AI", "Jasper AI, Inc."], @"^Jasper\b", []),
        new("Copy.ai", "Copy.ai", "writing", ["Copy.ai", "CopyAI, Inc."], @"^Copy\.?ai\b", []),
        new("Writer", "Writer", "writing", ["Writer, Inc.", "WRITER"], @"^Writer( AI)?$", []),
        new("Notion", "Notion Labs", "productivity", ["Notion Labs", "Notion Labs, Inc."], @"^Notion\b", []),
        new("Gamma", "Gamma Tech", "productivity", ["Gamma Tech", "Gamma Tech, Inc."], @"^Gamma(\.app)?$", []),
        new("Glean", "Glean Technologies", "search", ["Glean Technologies", "Glean Technologies, Inc."], @"^Glean\b", []),
        new("Mistral Le Chat", "Mistral AI", "assistant", ["Mistral AI"], @"^(Le Chat|Mistral)\b", []),
        new("Cursor", "Anysphere", "assistant", ["Anysphere", "Anysphere, Inc."], @"^Cursor\b", []),
        new("Zapier AI", "Zapier", "productivity", [], @"^Zapier (AI|Agents)\b", []),
    ];

    /// <summary>
    /// The products' name patterns, built once: matched one after another against every service principal of a tenant,
    /// more of them than the static <see cref="Regex"/> cache holds, they would otherwise be parsed again for every app.
    /// </summary>
    private static readonly Regex[] ProductNames = [.. Products.Select(p => new Regex(p.NamePattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))];

    /// <summary>Name/description heuristics reported with low confidence.</summary>
    [GeneratedRegex(@"\bGPT|\bLLM\b|\bAI[ -](assistant|agent|notes?|notetaker|writer|copilot|meeting)|\bcopilot\b|note ?taker|meeting notes|\bchatbot\b|\bgenerative AI\b|\bOpenAI\b|\bAI$|^AI\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Heuristic();

    /// <summary>Matches a service principal against the catalogue, or null when it is not an AI app (or is Microsoft's, or a managed identity).</summary>
    public static AiAppMatch? Match(ServicePrincipal sp)
    {
        ArgumentNullException.ThrowIfNull(sp);
        if (sp.IsManagedIdentity || IsMicrosoft(sp))
        {
            return null;
        }

        foreach (var product in Products)
        {
            if (sp.AppId is { } appId && product.AppIds.Contains(appId, StringComparer.OrdinalIgnoreCase))
            {
                return new AiAppMatch(product, AiMatchConfidence.High, $"appId {appId} is {product.Product}");
            }
        }

        if (sp.VerifiedPublisher is { IsVerified: true, DisplayName: { } publisher })
        {
            var byPublisher = Products.FirstOrDefault(p => p.Publishers.Contains(publisher, StringComparer.OrdinalIgnoreCase));
            if (byPublisher is not null)
            {
                return new AiAppMatch(byPublisher, AiMatchConfidence.High, $"verified publisher '{publisher}'");
            }
        }

        for (var i = 0; i < ProductNames.Length; i++)
        {
            if (ProductNames[i].IsMatch(sp.DisplayName))
            {
                return new AiAppMatch(Products[i], AiMatchConfidence.Medium, $"display name '{sp.DisplayName}'");
            }
        }

        foreach (var text in new[] { sp.DisplayName, sp.Description })
        {
            if (text is not null && Heuristic().Match(text) is { Success: true } m)
            {
                return new AiAppMatch(null, AiMatchConfidence.Low, $"name or description contains '{m.Value}'");
            }
        }

        return null;
    }

    /// <summary>True when the app is owned by one of Microsoft's first-party tenants.</summary>
    public static bool IsMicrosoft(ServicePrincipal sp) =>
        sp.AppOwnerOrganizationId is { } owner && MicrosoftTenants.Contains(owner, StringComparer.OrdinalIgnoreCase);
}
