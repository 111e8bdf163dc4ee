using System.Globalization;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.ModelLifecycle;

/// <summary>What the Models API said about one deployment's model version, for the retirement rules.</summary>
/// <param name="Location">The deployment's location (its account's), normalised; null when neither reports one.</param>
/// <param name="ReadAt">When that location's Models API list was read, or null when it was not (never listed, or refused).</param>
/// <param name="Entry">The listed model version, or null when the list does not hold it.</param>
internal sealed record LiveModelLifecycle(string? Location, DateTimeOffset? ReadAt, ModelLifecycleEntry? Entry)
{
    /// <summary>
    /// The retirement instant the live data gives for the deployment's SKU: the SKU's own <c>deprecationDate</c> when
    /// the version lists that SKU with a date, else <c>deprecation.inference</c>; null when it gives none.
    /// </summary>
    public DateTimeOffset? RetiresAt { get; init; }

    /// <summary>Which field <see cref="RetiresAt"/> came from.</summary>
    public string DateField { get; init; } = "(none listed)";

    /// <summary>The source as evidence text: <c>Models API (westeurope, 2026-11-22)</c>.</summary>
    public string Source => $"Models API ({Location}, {ReadAt?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)})";

    /// <summary>Why the catalogue is used instead, as evidence text.</summary>
    public string FallbackReason => ReadAt is null
        ? $"Models API not read for {Location ?? "(no location)"}"
        : $"{Source} does not list this version";

    /// <summary>Looks the deployment's model version up in the snapshot's live model lifecycle.</summary>
    public static LiveModelLifecycle For(AiResource deployment, PostureSnapshot snapshot)
    {
        var location = (deployment.ParentId is { } parent ? snapshot.Azure.Get(parent)?.Location : null) ?? deployment.Location;
        var models = snapshot.Azure.Models;
        var readAt = models.ReadAt(location);
        var entry = readAt is null ? null : models.Find(location, deployment.PropertyString("model.format"), deployment.PropertyString("model.name"), deployment.PropertyString("model.version"));
        var normalised = location is null ? null : ModelLifecycleIndex.NormaliseLocation(location);
        if (entry is null)
        {
            return new LiveModelLifecycle(normalised, readAt, null);
        }

        var sku = entry.Sku(deployment.SkuName);
        return sku?.DeprecationDate is { } skuDate
            ? new LiveModelLifecycle(normalised, readAt, entry) { RetiresAt = skuDate, DateField = $"skus[{sku.Name}].deprecationDate" }
            : new LiveModelLifecycle(normalised, readAt, entry) { RetiresAt = entry.InferenceDeprecation, DateField = entry.InferenceDeprecation is null ? "(none listed)" : "deprecation.inference" };
    }

    /// <summary>The evidence both retirement rules give for a listed version.</summary>
    public Dictionary<string, string> Evidence(AiResource deployment)
    {
        var replacement = ModelRetirementCatalog.Find(deployment.PropertyString("model.name") ?? string.Empty, deployment.PropertyString("model.version"), deployment.SkuName)?.Replacement;
        return new Dictionary<string, string>
        {
            ["model"] = ResourceFacts.Model(deployment),
            ["sku"] = deployment.SkuName ?? "(not reported)",
            ["source"] = Source,
            ["lifecycleStatus"] = Entry?.LifecycleStatus ?? "(not reported)",
            ["retirement"] = RetiresAt is { } at ? Date(at) : "(none listed)",
            ["retirementField"] = DateField,
            ["replacement"] = replacement ?? "(none named)",
        };
    }

    /// <summary>A date as evidence text.</summary>
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
