using System.Text.Json.Nodes;
using AiSpm.Emulator.Fixtures;

namespace AiSpm.Emulator.Graph;

/// <summary>
/// The Microsoft Graph documents of a fixture by version and path. A beta request falls back to the v1.0 document when the
/// fixture has no beta one (beta serves a superset of v1.0). Collections are indexed by <c>id</c> for item routes.
/// </summary>
internal sealed class GraphDirectory
{
    private readonly Dictionary<string, IReadOnlyDictionary<string, JsonNode>> _documents;
    private readonly Dictionary<string, Dictionary<string, JsonObject>> _itemsById = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<JsonNode, List<JsonObject>> _collectionItems = new(ReferenceEqualityComparer.Instance);

    public GraphDirectory(TenantFixture fixture)
    {
        _documents = fixture.GraphDocuments.ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        AddOrganizationIfMissing(fixture);
        using var ids = new UnparsedPropertyReader();
        foreach (var (version, documents) in _documents)
        {
            foreach (var (key, document) in documents)
            {
                if (document is JsonObject { } obj && obj["value"] is JsonArray items)
                {
                    // Documents never change once loaded, so each collection's item list is built once, not per request.
                    _collectionItems[document] = items.OfType<JsonObject>().ToList();
                    // Function results (reports) have no ids; only objects with an id are addressable by id (the first one wins).
                    var byId = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
                    foreach (var item in _collectionItems[document])
                    {
                        if (ids.ReadString(item, "id") is { } id)
                        {
                            byId.TryAdd(id, item);
                        }
                    }

                    _itemsById[version + "|" + key] = byId;
                }
            }
        }
    }

    /// <summary>The document at <paramref name="key"/> (e.g. "servicePrincipals", "policies/authorizationPolicy").</summary>
    public JsonNode? Document(string version, string key)
    {
        foreach (var candidate in VersionsFor(version))
        {
            if (_documents.TryGetValue(candidate, out var documents) && documents.TryGetValue(key, out var document))
            {
                return document;
            }
        }

        return null;
    }

    /// <summary>The items of a collection document, or null when <paramref name="key"/> is not a collection.</summary>
    public IReadOnlyList<JsonObject>? Collection(string version, string key) =>
        Document(version, key) is { } document && _collectionItems.TryGetValue(document, out var items) ? items : null;

    public JsonObject? Item(string version, string collection, string id)
    {
        foreach (var candidate in VersionsFor(version))
        {
            if (_itemsById.TryGetValue(candidate + "|" + collection, out var items))
            {
                return items.GetValueOrDefault(id);
            }
        }

        return null;
    }

    /// <summary>
    /// The signed-in user of a delegated token (<c>/me</c>): the fixture's <c>users</c> entry with that principal name, or
    /// a user made up from the name (its object id derived from it, so it is the same on every request).
    /// </summary>
    public JsonObject User(string version, string userPrincipalName)
    {
        if (Collection(version, "users")?.FirstOrDefault(u => string.Equals((string?)u["userPrincipalName"], userPrincipalName, StringComparison.OrdinalIgnoreCase)) is { } user)
        {
            return user;
        }

        var id = new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(userPrincipalName.ToLowerInvariant()))[..16]);
        return new JsonObject
        {
            ["id"] = id.ToString(),
            ["userPrincipalName"] = userPrincipalName,
            ["displayName"] = userPrincipalName.Split('@')[0],
            ["mail"] = userPrincipalName,
        };
    }

    private static string[] VersionsFor(string version) =>
        version.Equals("beta", StringComparison.OrdinalIgnoreCase) ? ["beta", "v1.0"] : ["v1.0"];

    /// <summary>Serves <c>/v1.0/organization</c> from tenant.json when the fixture has no organization document.</summary>
    private void AddOrganizationIfMissing(TenantFixture fixture)
    {
        var v1 = _documents.TryGetValue("v1.0", out var existing)
            ? new Dictionary<string, JsonNode>(existing, StringComparer.OrdinalIgnoreCase)
            : new Dictionary<string, JsonNode>(StringComparer.OrdinalIgnoreCase);
        if (v1.ContainsKey("organization"))
        {
            return;
        }

        v1["organization"] = new JsonObject
        {
            ["value"] = new JsonArray(new JsonObject
            {
                ["id"] = fixture.TenantId,
                ["displayName"] = fixture.DisplayName,
                ["verifiedDomains"] = new JsonArray(new JsonObject { ["name"] = fixture.DefaultDomain, ["isDefault"] = true, ["isInitial"] = false, ["type"] = "Managed" }),
            }),
        };
        _documents["v1.0"] = v1;
    }
}
