using System.Text.Json.Nodes;
using AiSpm.Emulator.Arm;

namespace AiSpm.Emulator.ResourceGraph;

/// <summary>
/// The rows of the Resource Graph tables, built from the ARM objects: <c>resources</c> holds top-level tracked resources
/// (plus the child types configured in <see cref="EmulatorOptions.ResourceGraphChildTypes"/>), never extension resources
/// or deployment history; <c>resourcecontainers</c> holds subscriptions and resource groups. Types and resource group
/// names are lower-cased as Resource Graph returns them.
/// </summary>
internal sealed class ResourceGraphRows
{
    private static readonly string[] CopiedProperties = ["kind", "location", "managedBy", "sku", "plan", "properties", "tags", "identity", "zones", "extendedLocation"];

    private readonly string _tenantId;
    private List<JsonObject> _resources;
    private int _generation;

    public ResourceGraphRows(ArmResourceStore store, string tenantId, ISet<string> childTypes, IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>? otherTables = null)
    {
        // Rows of the other tables as Resource Graph returns them: type lower-cased, tenant and subscription filled in.
        _other = (otherTables ?? new Dictionary<string, IReadOnlyList<JsonObject>>()).ToDictionary(t => t.Key.ToLowerInvariant(), t => (IReadOnlyList<JsonObject>)t.Value.Select(r =>
        {
            var row = (JsonObject)r.DeepClone();
            row["type"] = ((string?)row["type"] ?? string.Empty).ToLowerInvariant();
            row["tenantId"] ??= tenantId;
            row["subscriptionId"] ??= ArmResourceId.Parse((string)row["id"]!).SubscriptionId ?? string.Empty;
            return row;
        }).ToList());
        _tenantId = tenantId;
        _resources = store.AllResources
            .Where(r => ArmResourceId.Parse((string)r["id"]!) is var id
                && (id.IsTopLevel || (id.Type is not null && childTypes.Contains(id.Type)))
                && !id.Type!.StartsWith("Microsoft.Resources/", StringComparison.OrdinalIgnoreCase))
            .Select(r => Row(r, tenantId))
            .ToList();
        store.ResourceChanged += Reindex;
        var groups = store.AllResources
            .Where(r => string.Equals((string?)r["type"], "Microsoft.Resources/resourceGroups", StringComparison.OrdinalIgnoreCase))
            .Select(r => Row(r, tenantId));
        var subscriptions = store.Subscriptions.Select(s => new JsonObject
        {
            ["id"] = s["id"]?.DeepClone(),
            ["name"] = s["displayName"]?.DeepClone(),
            ["type"] = "microsoft.resources/subscriptions",
            ["tenantId"] = s["tenantId"]?.DeepClone() ?? tenantId,
            ["subscriptionId"] = s["subscriptionId"]?.DeepClone(),
            ["resourceGroup"] = string.Empty,
            ["location"] = string.Empty,
            ["tags"] = s["tags"]?.DeepClone() ?? new JsonObject(),
            ["properties"] = new JsonObject { ["state"] = s["state"]?.DeepClone(), ["subscriptionPolicies"] = s["subscriptionPolicies"]?.DeepClone() },
        });
        Containers = subscriptions.Concat(groups).ToList();
    }

    public IReadOnlyList<JsonObject> Resources => Volatile.Read(ref _resources);

    /// <summary>Moves on each re-index, so cached query results of an older index are not served.</summary>
    public int Generation => Volatile.Read(ref _generation);

    public IReadOnlyList<JsonObject> Containers { get; }

    private readonly Dictionary<string, IReadOnlyList<JsonObject>> _other;

    /// <summary>The rows of a table: ARM objects for <c>resources</c> and <c>resourcecontainers</c>, the fixture's rows for the others (none when it has none).</summary>
    public IReadOnlyList<JsonObject> Table(string table) => table switch
    {
        "resourcecontainers" => Containers,
        "resources" => Resources,
        _ => _other.GetValueOrDefault(table) ?? [],
    };

    /// <summary>Replaces the row of a changed resource, as Resource Graph re-indexes a resource after ARM notifies it.</summary>
    private void Reindex(JsonObject resource)
    {
        var id = (string)resource["id"]!;
        var updated = Volatile.Read(ref _resources)
            .Select(row => string.Equals((string?)row["id"], id, StringComparison.OrdinalIgnoreCase) ? Row(resource, _tenantId) : row)
            .ToList();
        Volatile.Write(ref _resources, updated);
        Interlocked.Increment(ref _generation);
    }

    private static JsonObject Row(JsonObject resource, string tenantId)
    {
        var id = (string)resource["id"]!;
        var parsed = ArmResourceId.Parse(id);
        var row = new JsonObject
        {
            ["id"] = id,
            ["name"] = resource["name"]?.DeepClone(),
            ["type"] = ((string?)resource["type"] ?? parsed.Type ?? string.Empty).ToLowerInvariant(),
            ["tenantId"] = tenantId,
            ["resourceGroup"] = parsed.ResourceGroup?.ToLowerInvariant() ?? string.Empty,
            ["subscriptionId"] = parsed.SubscriptionId ?? string.Empty,
        };
        foreach (var property in CopiedProperties)
        {
            row[property] = resource[property]?.DeepClone() ?? (property is "tags" or "properties" ? new JsonObject() : property is "kind" or "location" or "managedBy" ? string.Empty : null);
        }

        return row;
    }
}
