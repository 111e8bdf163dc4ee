using System.Text.Json;

namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>
/// Builds an <see cref="AiInventory"/> from ARM resource objects exactly as ARM GET/LIST or Resource Graph return
/// them. Diagnostic settings (extension resources) attach to their target. Where ARM omits a property whose
/// service default is documented (e.g. <c>disableLocalAuth</c> absent = local auth on), the default applies; where
/// the whole <c>properties</c> object is missing (a projected Resource Graph row), posture stays unknown (null).
/// </summary>
public sealed class AiInventoryBuilder
{
    private readonly List<(JsonElement Element, string Source)> _resources = [];
    private readonly Dictionary<string, List<DiagnosticSetting>> _diagnostics = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _diagnosticsNotCollected = new(StringComparer.OrdinalIgnoreCase);
    private readonly bool _diagnosticSettingsCollected;

    /// <summary>Creates a builder.</summary>
    /// <param name="diagnosticSettingsCollected">
    /// True when the source collected diagnostic settings for the resources it gives, so a resource without any has
    /// none; false when they were not collected, so logging posture is unknown.
    /// </param>
    public AiInventoryBuilder(bool diagnosticSettingsCollected = true) => _diagnosticSettingsCollected = diagnosticSettingsCollected;

    /// <summary>Adds every object of an ARM list (<c>{"value":[…]}</c>), a Resource Graph page (<c>{"data":[…]}</c>), an array, or a single object.</summary>
    /// <exception cref="InventoryFormatException">An object lacks <c>id</c> or <c>type</c>; the message names the source and index.</exception>
    public AiInventoryBuilder AddDocument(JsonElement document, string source)
    {
        var items = document.ValueKind switch
        {
            JsonValueKind.Array => document,
            JsonValueKind.Object when document.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Array => v,
            JsonValueKind.Object when document.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Array => d,
            JsonValueKind.Object => default,
            _ => throw new InventoryFormatException($"{source}: expected an ARM object or a list of them, found {document.ValueKind}."),
        };
        if (items.ValueKind == JsonValueKind.Undefined)
        {
            return Add(document, source);
        }

        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            Add(item, $"{source} $.value[{index++}]");
        }

        return this;
    }

    /// <summary>Adds one ARM object; objects that are neither AI resources nor diagnostic settings are ignored.</summary>
    public AiInventoryBuilder Add(JsonElement resource, string source)
    {
        if (resource.ValueKind != JsonValueKind.Object)
        {
            throw new InventoryFormatException($"{source}: expected an object, found {resource.ValueKind}.");
        }

        var id = RequireString(resource, "id", source);
        var type = RequireString(resource, "type", source).ToLowerInvariant();
        if (type == AiResourceTypes.DiagnosticSetting)
        {
            AddDiagnosticSetting(resource, id);
        }
        else if (AiResourceTypes.FamilyOf(type) is not null)
        {
            _resources.Add((resource.Clone(), source));
        }

        return this;
    }

    /// <summary>The live model lifecycle (Models API lists) the inventory will carry.</summary>
    public ModelLifecycleIndexBuilder Models { get; } = new();

    /// <summary>Marks a resource whose diagnostic settings could not be read, so its logging posture is unknown.</summary>
    public AiInventoryBuilder DiagnosticsNotCollectedFor(string resourceId)
    {
        _diagnosticsNotCollected.Add(resourceId);
        return this;
    }

    /// <summary>Builds the inventory.</summary>
    public AiInventory Build() => new(_resources.Select(r => Normalise(r.Element)), Models.Build());

    private void AddDiagnosticSetting(JsonElement setting, string id)
    {
        var marker = id.IndexOf("/providers/microsoft.insights/diagnosticsettings/", StringComparison.OrdinalIgnoreCase);
        if (marker <= 0)
        {
            return;
        }

        var target = id[..marker];
        var properties = setting.TryGetProperty("properties", out var p) ? p : default;
        var hasDestination = new[] { "workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId" }
            .Any(name => properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0);
        var categories = new List<string>();
        if (properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("logs", out var logs) && logs.ValueKind == JsonValueKind.Array)
        {
            foreach (var log in logs.EnumerateArray())
            {
                if (log.TryGetProperty("enabled", out var enabled) && enabled.ValueKind == JsonValueKind.True)
                {
                    var name = log.TryGetProperty("categoryGroup", out var g) && g.ValueKind == JsonValueKind.String ? g.GetString()
                        : log.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    if (!string.IsNullOrEmpty(name))
                    {
                        categories.Add(name);
                    }
                }
            }
        }

        if (!_diagnostics.TryGetValue(target, out var list))
        {
            _diagnostics[target] = list = [];
        }

        list.Add(new DiagnosticSetting(id, setting.TryGetProperty("name", out var n) ? n.GetString() ?? string.Empty : string.Empty, hasDestination, categories));
    }

    /// <summary>
    /// The properties of a connection or datastore without anything that could carry a credential: a connection's
    /// <c>credentials</c> object goes whole, a datastore keeps only <c>credentials.credentialsType</c> (and the
    /// service principal's <c>clientId</c>/<c>tenantId</c>), never <c>secrets</c>.
    /// </summary>
    private static JsonElement WithoutCredentials(JsonElement properties)
    {
        var copy = System.Text.Json.Nodes.JsonNode.Parse(properties.GetRawText())!.AsObject();
        if (copy["credentials"] is System.Text.Json.Nodes.JsonObject credentials)
        {
            var kept = new System.Text.Json.Nodes.JsonObject();
            foreach (var name in new[] { "credentialsType", "clientId", "tenantId" })
            {
                if (credentials[name] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text))
                {
                    kept[name] = text;
                }
            }

            copy["credentials"] = kept;
        }

        return JsonSerializer.SerializeToElement(copy);
    }

    private AiResource Normalise(JsonElement e)
    {
        var id = e.GetProperty("id").GetString()!;
        var type = e.GetProperty("type").GetString()!.ToLowerInvariant();
        var family = AiResourceTypes.FamilyOf(type)!.Value;
        var hasProperties = e.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object;
        var resource = new AiResource
        {
            Id = id,
            Type = type,
            Family = family,
            Name = e.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : id[(id.LastIndexOf('/') + 1)..],
            SubscriptionId = ArmId.SubscriptionOf(id),
            ResourceGroup = ArmId.ResourceGroupOf(id),
            ParentId = AiResource.ParentOf(id, type, family),
            Kind = String(e, "kind"),
            Location = String(e, "location"),
            SkuName = e.TryGetProperty("sku", out var sku) && sku.ValueKind == JsonValueKind.Object ? String(sku, "name") : null,
            Tags = ArmTags.Read(e),
            Properties = !hasProperties ? EmptyObject
                : family is AiResourceFamily.CognitiveServicesConnection or AiResourceFamily.MachineLearningConnection or AiResourceFamily.MachineLearningDatastore
                    ? WithoutCredentials(properties)
                    : properties.Clone(),
            IdentityType = e.TryGetProperty("identity", out var identity) && identity.ValueKind == JsonValueKind.Object
                ? String(identity, "type") ?? "None"
                : hasProperties ? "None" : null,
            IdentityPrincipalIds = e.TryGetProperty("identity", out var principals) && principals.ValueKind == JsonValueKind.Object ? PrincipalIds(principals) : [],
            DiagnosticSettings = _diagnosticsNotCollected.Contains(id) ? null
                : _diagnostics.TryGetValue(id, out var diagnostics) ? diagnostics
                : _diagnosticSettingsCollected ? [] : null,
        };
        return hasProperties ? ArmPostureReader.Apply(resource) : resource;
    }

    private static List<string> PrincipalIds(JsonElement identity)
    {
        var ids = new List<string>();
        if (String(identity, "principalId") is { Length: > 0 } system)
        {
            ids.Add(system);
        }

        if (identity.TryGetProperty("userAssignedIdentities", out var assigned) && assigned.ValueKind == JsonValueKind.Object)
        {
            foreach (var entry in assigned.EnumerateObject())
            {
                if (entry.Value.ValueKind == JsonValueKind.Object && String(entry.Value, "principalId") is { Length: > 0 } principal)
                {
                    ids.Add(principal);
                }
            }
        }

        return ids;
    }

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string RequireString(JsonElement e, string name, string source) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString()!.Length > 0
            ? v.GetString()!
            : throw new InventoryFormatException($"{source}: the object has no '{name}' string.");

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();
}
