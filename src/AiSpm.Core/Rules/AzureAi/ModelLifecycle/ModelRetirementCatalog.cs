namespace AiSpm.Core.Rules.AzureAi.ModelLifecycle;

/// <summary>Whether a retirement has happened or is only scheduled.</summary>
public enum RetirementStatus
{
    /// <summary>Microsoft lists the version as retired: deployments of it return errors.</summary>
    Retired,

    /// <summary>Microsoft publishes a retirement date for the version; such dates have moved before.</summary>
    Scheduled,
}

/// <summary>One model version's retirement.</summary>
/// <param name="Model">The model name as deployments carry it (<c>properties.model.name</c>).</param>
/// <param name="Version">The model version, or null for every version of the model.</param>
/// <param name="Skus">The deployment SKUs the date applies to, or null for every SKU.</param>
/// <param name="RetiresOn">The retirement date (UTC, start of day).</param>
/// <param name="Status">Retired, or only scheduled.</param>
/// <param name="Replacement">Microsoft's suggested replacement, or null.</param>
/// <param name="Source">Where the date was published.</param>
public sealed record ModelRetirement(string Model, string? Version, IReadOnlyList<string>? Skus, DateOnly RetiresOn, RetirementStatus Status, string? Replacement, string Source)
{
    /// <summary>True when the entry covers a deployment of this model, version and SKU.</summary>
    public bool Covers(string model, string? version, string? sku) =>
        string.Equals(Model, model, StringComparison.OrdinalIgnoreCase)
        && (Version is null || string.Equals(ModelRetirementCatalog.NormaliseVersion(Version), ModelRetirementCatalog.NormaliseVersion(version), StringComparison.OrdinalIgnoreCase))
        && (Skus is null || (sku is not null && Skus.Contains(sku, StringComparer.OrdinalIgnoreCase)));

    /// <summary>The retirement instant.</summary>
    public DateTimeOffset RetiresAt => new(RetiresOn.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}

/// <summary>
/// Azure OpenAI model versions with a published retirement, as Microsoft documented them on the date in
/// <see cref="Version"/>. The one place retirement dates live: update it (and <see cref="Version"/>) when Microsoft
/// publishes new dates. AISPM-1150 and AISPM-1151 prefer the live Models API lifecycle the collector reads
/// (<see cref="Inventory.AzureAi.ModelLifecycleIndex"/>) and use this table only where that does not list a version.
/// Dates given only as "no earlier than" are not recorded.
/// </summary>
public static class ModelRetirementCatalog
{
    /// <summary>The date of the newest source the catalogue reflects.</summary>
    public const string Version = "2026-04-16";

    private const string RetiredPage = "Azure OpenAI retired models (Microsoft Learn, legacy models)";
    private const string LifecyclePage = "Foundry model lifecycle and support policy (Microsoft Learn, 2026-04-16)";
    private const string SchedulePage = "Azure OpenAI model retirement table (Microsoft Learn, 2025-12-16)";

    private static readonly string[] Standard = ["Standard"];

    /// <summary>Every entry.</summary>
    public static IReadOnlyList<ModelRetirement> Entries { get; } =
    [
        // Retired: no longer served.
        new("gpt-35-turbo", "0301", null, new(2025, 2, 13), RetirementStatus.Retired, "gpt-4o-mini", RetiredPage),
        new("gpt-35-turbo", "0613", null, new(2025, 2, 13), RetirementStatus.Retired, "gpt-4o-mini", RetiredPage),
        new("gpt-35-turbo-16k", "0613", null, new(2025, 4, 30), RetirementStatus.Retired, "gpt-4.1-mini", RetiredPage),
        new("gpt-4", "0314", null, new(2025, 6, 6), RetirementStatus.Retired, "gpt-4o", RetiredPage),
        new("gpt-4-32k", "0314", null, new(2025, 6, 6), RetirementStatus.Retired, "gpt-4o", RetiredPage),
        new("gpt-4", "0613", null, new(2025, 6, 6), RetirementStatus.Retired, "gpt-4o", RetiredPage),
        new("gpt-4-32k", "0613", null, new(2025, 6, 6), RetirementStatus.Retired, "gpt-4o", RetiredPage),
        new("gpt-4o-realtime-preview", "2024-10-01", null, new(2025, 3, 26), RetirementStatus.Retired, "gpt-4o-realtime-preview 2024-12-17", RetiredPage),
        new("o1-preview", null, null, new(2025, 7, 28), RetirementStatus.Retired, "o1", RetiredPage),
        new("gpt-4.5-preview", null, null, new(2025, 7, 14), RetirementStatus.Retired, "gpt-4.1", RetiredPage),
        new("babbage-002", null, null, new(2025, 1, 27), RetirementStatus.Retired, null, RetiredPage),
        new("davinci-002", null, null, new(2025, 1, 27), RetirementStatus.Retired, null, RetiredPage),
        new("dall-e-2", null, null, new(2025, 1, 27), RetirementStatus.Retired, "dall-e-3", RetiredPage),
        new("text-davinci-002", null, null, new(2024, 6, 14), RetirementStatus.Retired, "gpt-35-turbo-instruct", RetiredPage),
        new("text-davinci-003", null, null, new(2024, 6, 14), RetirementStatus.Retired, "gpt-35-turbo-instruct", RetiredPage),
        new("text-curie-001", null, null, new(2024, 6, 14), RetirementStatus.Retired, "gpt-35-turbo-instruct", RetiredPage),
        new("text-babbage-001", null, null, new(2024, 6, 14), RetirementStatus.Retired, "gpt-35-turbo-instruct", RetiredPage),
        new("text-ada-001", null, null, new(2024, 6, 14), RetirementStatus.Retired, "gpt-35-turbo-instruct", RetiredPage),
        new("gpt-4o", "2024-05-13", Standard, new(2026, 3, 31), RetirementStatus.Retired, "gpt-5.1", LifecyclePage),
        new("gpt-4o", "2024-08-06", Standard, new(2026, 3, 31), RetirementStatus.Retired, "gpt-5.1", LifecyclePage),

        // Scheduled: published dates, which Microsoft has moved before.
        new("gpt-4o", "2024-05-13", null, new(2026, 10, 1), RetirementStatus.Scheduled, "gpt-5.1", SchedulePage),
        new("gpt-4o", "2024-08-06", null, new(2026, 10, 1), RetirementStatus.Scheduled, "gpt-5.1", SchedulePage),
        new("gpt-4o", "2024-11-20", null, new(2026, 10, 1), RetirementStatus.Scheduled, "gpt-5.1", LifecyclePage),
        new("gpt-4o-mini", "2024-07-18", Standard, new(2026, 3, 31), RetirementStatus.Scheduled, "gpt-4.1-mini", SchedulePage),
        new("gpt-4o-mini", "2024-07-18", null, new(2026, 10, 1), RetirementStatus.Scheduled, "gpt-4.1-mini", SchedulePage),
        new("gpt-5-chat", "2025-08-07", null, new(2026, 3, 1), RetirementStatus.Scheduled, "gpt-5.2-chat", SchedulePage),
        new("gpt-5-chat", "2025-10-03", null, new(2026, 3, 1), RetirementStatus.Scheduled, "gpt-5.2-chat", SchedulePage),
        new("gpt-4.1", "2025-04-14", null, new(2026, 10, 14), RetirementStatus.Scheduled, "gpt-5", SchedulePage),
        new("gpt-4.1-mini", "2025-04-14", null, new(2026, 10, 14), RetirementStatus.Scheduled, "gpt-5-mini", SchedulePage),
        new("gpt-4.1-nano", "2025-04-14", null, new(2026, 10, 14), RetirementStatus.Scheduled, "gpt-5-nano", SchedulePage),
        new("o1", "2024-12-17", null, new(2026, 7, 15), RetirementStatus.Scheduled, "o3", SchedulePage),
        new("o1-pro", "2025-03-19", null, new(2026, 9, 18), RetirementStatus.Scheduled, "o3-pro", SchedulePage),
        new("o3-mini", "2025-01-31", null, new(2026, 8, 2), RetirementStatus.Scheduled, "o4-mini", SchedulePage),
        new("o3", "2025-04-16", null, new(2026, 10, 16), RetirementStatus.Scheduled, null, SchedulePage),
        new("o4-mini", "2025-04-16", null, new(2026, 10, 16), RetirementStatus.Scheduled, null, SchedulePage),
        new("o3-pro", "2025-06-10", null, new(2026, 12, 10), RetirementStatus.Scheduled, null, SchedulePage),
        new("o3-deep-research", "2025-06-26", null, new(2026, 12, 26), RetirementStatus.Scheduled, null, SchedulePage),
        new("codex-mini", "2025-05-16", null, new(2026, 11, 15), RetirementStatus.Scheduled, null, SchedulePage),
        new("gpt-5-mini", "2025-08-07", null, new(2027, 2, 6), RetirementStatus.Scheduled, null, SchedulePage),
        new("gpt-5-nano", "2025-08-07", null, new(2027, 2, 6), RetirementStatus.Scheduled, null, SchedulePage),
        new("gpt-5-codex", "2025-09-15", null, new(2027, 3, 17), RetirementStatus.Scheduled, null, SchedulePage),
        new("gpt-5-pro", "2025-10-06", null, new(2027, 4, 7), RetirementStatus.Scheduled, null, SchedulePage),
        new("gpt-5.1", "2025-11-13", null, new(2027, 5, 15), RetirementStatus.Scheduled, null, SchedulePage),
        new("gpt-5.1-codex", "2025-11-13", null, new(2027, 5, 15), RetirementStatus.Scheduled, null, SchedulePage),
        new("gpt-5.1-codex-mini", "2025-11-13", null, new(2027, 5, 15), RetirementStatus.Scheduled, null, SchedulePage),
        new("model-router", "2025-11-18", null, new(2027, 5, 20), RetirementStatus.Scheduled, null, SchedulePage),
        new("dall-e-3", "3", null, new(2026, 2, 18), RetirementStatus.Scheduled, "gpt-image-1-mini", SchedulePage),
        new("gpt-image-1-mini", "2025-10-06", null, new(2027, 4, 7), RetirementStatus.Scheduled, null, SchedulePage),
        new("gpt-4o-audio-preview", "2024-12-17", null, new(2026, 2, 2), RetirementStatus.Scheduled, "gpt-audio", SchedulePage),
        new("gpt-4o-realtime-preview", "2024-12-17", null, new(2026, 2, 2), RetirementStatus.Scheduled, "gpt-realtime", SchedulePage),
        new("gpt-audio", "2025-08-28", null, new(2027, 2, 28), RetirementStatus.Scheduled, null, SchedulePage),
        new("gpt-realtime", "2025-08-28", null, new(2027, 2, 28), RetirementStatus.Scheduled, null, SchedulePage),
    ];

    /// <summary>
    /// The entry that governs a deployment: a Retired entry before a Scheduled one, a SKU-specific entry before a
    /// general one; null when the catalogue records no retirement for it.
    /// </summary>
    public static ModelRetirement? Find(string model, string? version, string? sku) => Entries
        .Where(e => e.Covers(model, version, sku))
        .OrderBy(e => e.Status == RetirementStatus.Retired ? 0 : 1)
        .ThenBy(e => e.Skus is null ? 1 : 0)
        .FirstOrDefault();

    /// <summary>Folds numeric versions written two ways (<c>3</c> and <c>3.0</c>).</summary>
    public static string NormaliseVersion(string? version) =>
        version is null ? string.Empty : version.EndsWith(".0", StringComparison.Ordinal) ? version[..^2] : version;
}
