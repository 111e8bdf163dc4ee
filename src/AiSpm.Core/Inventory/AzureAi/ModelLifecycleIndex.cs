using System.Globalization;
using System.Text.Json;

namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>One SKU a model version is offered on, with the date it stops being served on that SKU, if any.</summary>
/// <param name="Name">The deployment SKU name (<c>Standard</c>, <c>GlobalStandard</c>, …).</param>
/// <param name="DeprecationDate">When the SKU stops serving the version, or null.</param>
public sealed record ModelSkuLifecycle(string Name, DateTimeOffset? DeprecationDate);

/// <summary>One model version of one location as the Cognitive Services Models API listed it.</summary>
/// <param name="Location">The location, normalised (lower case, no spaces).</param>
/// <param name="Format">The model format (<c>OpenAI</c>, …).</param>
/// <param name="Name">The model name.</param>
/// <param name="Version">The model version.</param>
/// <param name="LifecycleStatus">
/// <c>model.lifecycleStatus</c> as listed (<c>GenerallyAvailable</c>, <c>Preview</c>, <c>Stable</c>, <c>Deprecating</c>,
/// <c>Deprecated</c>, <c>Legacy</c>, …), or null when absent.
/// </param>
/// <param name="InferenceDeprecation"><c>model.deprecation.inference</c>: when inference on the version ends, or null.</param>
/// <param name="Skus"><c>model.skus</c>: the SKUs listed for the version, with their own deprecation dates.</param>
public sealed record ModelLifecycleEntry(
    string Location,
    string Format,
    string Name,
    string Version,
    string? LifecycleStatus,
    DateTimeOffset? InferenceDeprecation,
    IReadOnlyList<ModelSkuLifecycle> Skus)
{
    /// <summary>True when the lifecycle status says the version is retired (<c>Deprecated</c>: calls to it fail).</summary>
    public bool IsDeprecated => string.Equals(LifecycleStatus, "Deprecated", StringComparison.OrdinalIgnoreCase);

    /// <summary>The SKU entry for a deployment SKU, or null when the version does not list it.</summary>
    public ModelSkuLifecycle? Sku(string? sku) =>
        sku is null ? null : Skus.FirstOrDefault(s => string.Equals(s.Name, sku, StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// The live model lifecycle of the locations a collection listed through the Cognitive Services Models API
/// (<c>GET /subscriptions/{s}/providers/Microsoft.CognitiveServices/locations/{location}/models</c>), keyed by
/// (location, format, name, version). A location is either read (its list answered, possibly empty) or not (never
/// listed, or the list failed); rules fall back to the retirement catalogue where it was not read or does not list a
/// version.
/// </summary>
public sealed class ModelLifecycleIndex
{
    private readonly Dictionary<(string Location, string Format, string Name, string Version), ModelLifecycleEntry> _entries;
    private readonly Dictionary<string, DateTimeOffset> _read;

    /// <summary>Creates the index.</summary>
    /// <param name="entries">The listed model versions.</param>
    /// <param name="locationsRead">Each location whose list answered, with when it was read.</param>
    public ModelLifecycleIndex(IEnumerable<ModelLifecycleEntry> entries, IReadOnlyDictionary<string, DateTimeOffset> locationsRead)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(locationsRead);
        _entries = [];
        foreach (var entry in entries)
        {
            _entries[Key(entry.Location, entry.Format, entry.Name, entry.Version)] = entry;
        }

        _read = locationsRead.ToDictionary(p => NormaliseLocation(p.Key), p => p.Value, StringComparer.Ordinal);
    }

    /// <summary>No location read.</summary>
    public static ModelLifecycleIndex Empty { get; } = new([], new Dictionary<string, DateTimeOffset>());

    /// <summary>Every listed model version.</summary>
    public IReadOnlyCollection<ModelLifecycleEntry> Entries => _entries.Values;

    /// <summary>The locations read (normalised), with when each was read.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> LocationsRead => _read;

    /// <summary>When the location's list was read, or null when it was not.</summary>
    public DateTimeOffset? ReadAt(string? location) =>
        location is not null && _read.TryGetValue(NormaliseLocation(location), out var at) ? at : null;

    /// <summary>The listed entry of a model version in a location, or null.</summary>
    public ModelLifecycleEntry? Find(string? location, string? format, string? name, string? version) =>
        location is null || format is null || name is null || version is null
            ? null
            : _entries.GetValueOrDefault(Key(location, format, name, version));

    /// <summary>Folds the ways a location is written (<c>East US</c>, <c>eastus</c>) into one.</summary>
    public static string NormaliseLocation(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
    }

    /// <summary>Folds numeric versions written two ways (<c>3</c> and <c>3.0</c>).</summary>
    public static string NormaliseVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return version.EndsWith(".0", StringComparison.Ordinal) ? version[..^2] : version;
    }

    private static (string, string, string, string) Key(string location, string format, string name, string version) =>
        (NormaliseLocation(location), format.ToLowerInvariant(), name.ToLowerInvariant(), NormaliseVersion(version).ToLowerInvariant());
}

/// <summary>
/// Builds a <see cref="ModelLifecycleIndex"/> from Models API list items exactly as the API returns them
/// (<c>{"kind","skuName","model":{"format","name","version","lifecycleStatus","deprecation":{"inference"},"skus":[…]}}</c>).
/// Missing fields are tolerated: an item without a model name or version is skipped, an unreadable date is treated
/// as absent. A version listed more than once (once per account kind) is merged: the SKUs are united, the earliest
/// date wins and <c>Deprecated</c> outranks <c>Deprecating</c>, which outranks any other status.
/// </summary>
public sealed class ModelLifecycleIndexBuilder
{
    private readonly Dictionary<(string, string, string, string), ModelLifecycleEntry> _entries = [];
    private readonly Dictionary<string, DateTimeOffset> _read = new(StringComparer.Ordinal);

    /// <summary>Records that a location's list answered at <paramref name="readAt"/> (an empty list included).</summary>
    public ModelLifecycleIndexBuilder LocationRead(string location, DateTimeOffset readAt)
    {
        var key = ModelLifecycleIndex.NormaliseLocation(location);
        _read[key] = _read.TryGetValue(key, out var earlier) && earlier < readAt ? earlier : readAt;
        return this;
    }

    /// <summary>Adds one item of a location's list; items that are not objects or name no model version are ignored.</summary>
    public ModelLifecycleIndexBuilder Add(string location, JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("model", out var model) || model.ValueKind != JsonValueKind.Object)
        {
            return this;
        }

        var name = String(model, "name");
        var version = String(model, "version");
        if (name is null || version is null)
        {
            return this;
        }

        var format = String(model, "format") ?? String(item, "kind") ?? string.Empty;
        var deprecation = model.TryGetProperty("deprecation", out var d) && d.ValueKind == JsonValueKind.Object ? Date(d, "inference") : null;
        var skus = new List<ModelSkuLifecycle>();
        if (model.TryGetProperty("skus", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var sku in list.EnumerateArray())
            {
                if (sku.ValueKind == JsonValueKind.Object && String(sku, "name") is { } skuName)
                {
                    skus.Add(new ModelSkuLifecycle(skuName, Date(sku, "deprecationDate")));
                }
            }
        }

        var entry = new ModelLifecycleEntry(ModelLifecycleIndex.NormaliseLocation(location), format, name, version, String(model, "lifecycleStatus"), deprecation, skus);
        var key = (entry.Location, format.ToLowerInvariant(), name.ToLowerInvariant(), ModelLifecycleIndex.NormaliseVersion(version).ToLowerInvariant());
        _entries[key] = _entries.TryGetValue(key, out var existing) ? Merge(existing, entry) : entry;
        return this;
    }

    /// <summary>Adds every item of a list page (<c>{"value":[…]}</c>) or an array of items.</summary>
    public ModelLifecycleIndexBuilder AddList(string location, JsonElement document)
    {
        var items = document.ValueKind == JsonValueKind.Object && document.TryGetProperty("value", out var v) ? v : document;
        if (items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                Add(location, item);
            }
        }

        return this;
    }

    /// <summary>Builds the index.</summary>
    public ModelLifecycleIndex Build() => new(_entries.Values, _read);

    private static ModelLifecycleEntry Merge(ModelLifecycleEntry a, ModelLifecycleEntry b)
    {
        var skus = a.Skus.Concat(b.Skus)
            .GroupBy(s => s.Name, StringComparer.OrdinalIgnoreCase)
            .Select(g => new ModelSkuLifecycle(g.First().Name, Earliest(g.Select(s => s.DeprecationDate))))
            .ToList();
        return a with
        {
            LifecycleStatus = Rank(b.LifecycleStatus) > Rank(a.LifecycleStatus) ? b.LifecycleStatus : a.LifecycleStatus,
            InferenceDeprecation = Earliest([a.InferenceDeprecation, b.InferenceDeprecation]),
            Skus = skus,
        };
    }

    private static int Rank(string? status) => status switch
    {
        _ when string.Equals(status, "Deprecated", StringComparison.OrdinalIgnoreCase) => 3,
        _ when string.Equals(status, "Deprecating", StringComparison.OrdinalIgnoreCase) => 2,
        null => 0,
        _ => 1,
    };

    private static DateTimeOffset? Earliest(IEnumerable<DateTimeOffset?> dates) =>
        dates.Where(d => d is not null).Select(d => d!.Value).DefaultIfEmpty().Min() is var min && min != default ? min : null;

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static DateTimeOffset? Date(JsonElement e, string name) =>
        String(e, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
            ? date
            : null;
}
