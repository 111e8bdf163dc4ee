using System.Text.Json.Nodes;

namespace AiSpm.Emulator.Fixtures;

/// <summary>
/// Loads a fixture folder laid out as <c>docs/emulator.md</c> describes. Every file is optional except that a folder must exist;
/// every problem is reported as a <see cref="FixtureException"/> naming the file and the JSON path.
/// </summary>
public static class FixtureLoader
{
    /// <summary>Loads the fixture folder at <paramref name="folder"/>.</summary>
    /// <exception cref="FixtureException">The folder is missing or a file is malformed.</exception>
    public static TenantFixture Load(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (!Directory.Exists(folder))
        {
            throw new FixtureException($"Fixture folder '{folder}' does not exist.");
        }

        var context = new LoadContext(folder);
        var tenant = context.ReadOptional("tenant.json") as JsonObject;
        var subscriptions = context.ReadValueArray("arm/subscriptions.json", requiredProperties: ["subscriptionId"]);
        var resources = new List<JsonObject>();
        foreach (var file in context.FilesUnder("arm/resources", "*.json"))
        {
            resources.AddRange(context.ReadValueArray(file, requiredProperties: ["id", "name", "type"]));
        }

        resources.AddRange(context.ReadValueArray("arm/deployments.json", requiredProperties: ["id", "name"]));

        return new TenantFixture
        {
            TenantId = StringOrDefault(tenant, "tenantId", TenantFixture.Empty.TenantId),
            DisplayName = StringOrDefault(tenant, "displayName", TenantFixture.Empty.DisplayName),
            DefaultDomain = StringOrDefault(tenant, "defaultDomain", TenantFixture.Empty.DefaultDomain),
            Subscriptions = subscriptions,
            ArmResources = resources,
            ResourceGraphTables = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.OrdinalIgnoreCase)
            {
                ["authorizationresources"] = context.ReadValueArray("arm/authorizationresources.json", requiredProperties: ["id", "type"]),
                ["securityresources"] = context.ReadValueArray("arm/securityresources.json", requiredProperties: ["id", "type"]),
            },
            ListKeys = context.ReadObjectMap("arm/listKeys.json"),
            AppSettings = context.ReadObjectMap("arm/appSettings.json"),
            Models = LoadModels(context),
            GraphDocuments = LoadGraph(context),
            VaultSecrets = LoadVaults(context),
            SearchServices = LoadSearch(context),
            PowerPlatformEnvironments = context.ReadValueArray("powerplatform/environments.json", requiredProperties: ["name"]),
            DataverseTables = LoadDataverse(context),
        };
    }

    /// <summary><c>dataverse/{environment}/{table}.json</c>: Web API lists (<c>{"value": [...]}</c>).</summary>
    private static Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>> LoadDataverse(LoadContext context)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in context.FilesUnder("dataverse", "*.json"))
        {
            var parts = file.Split('/');
            if (parts.Length != 3)
            {
                throw new FixtureException(file, "$", "expected dataverse/{environment}/{table}.json.");
            }

            if (!result.TryGetValue(parts[1], out var tables))
            {
                result[parts[1]] = tables = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.OrdinalIgnoreCase);
            }

            ((Dictionary<string, IReadOnlyList<JsonObject>>)tables)[Path.GetFileNameWithoutExtension(file)] = context.ReadValueArray(file, requiredProperties: []);
        }

        return result;
    }

    /// <summary><c>search/{service}.json</c>: {"datasources": [...], "indexers": [...]}, each entry an object with a <c>name</c>.</summary>
    private static Dictionary<string, JsonObject> LoadSearch(LoadContext context)
    {
        var result = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
        foreach (var file in context.FilesUnder("search", "*.json"))
        {
            if (context.ReadOptional(file) is not JsonObject service)
            {
                throw new FixtureException(file, "$", "expected an object {\"datasources\": [...], \"indexers\": [...]}.");
            }

            foreach (var collection in new[] { "datasources", "indexers" })
            {
                if (service[collection] is { } node && (node is not JsonArray items || items.Any(i => i is not JsonObject o || o["name"] is null)))
                {
                    throw new FixtureException(file, $"$.{collection}", "expected an array of objects with a name.");
                }
            }

            result[Path.GetFileNameWithoutExtension(file)] = service;
        }

        return result;
    }

    /// <summary><c>arm/models.json</c>: {"&lt;location&gt;": [ &lt;Models API list items&gt; ]}, each item an object with a <c>model</c> object.</summary>
    private static Dictionary<string, IReadOnlyList<JsonObject>> LoadModels(LoadContext context)
    {
        const string file = "arm/models.json";
        var result = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.OrdinalIgnoreCase);
        switch (context.ReadOptional(file))
        {
            case null:
                return result;
            case JsonObject locations:
                foreach (var (location, node) in locations)
                {
                    if (node is not JsonArray array)
                    {
                        throw new FixtureException(file, $"$['{location}']", "expected an array of Models API items.");
                    }

                    var items = new List<JsonObject>(array.Count);
                    for (var i = 0; i < array.Count; i++)
                    {
                        if (array[i] is not JsonObject item || item["model"] is not JsonObject)
                        {
                            throw new FixtureException(file, $"$['{location}'][{i}]", "expected an object with a 'model' object.");
                        }

                        items.Add(item);
                    }

                    var key = location.Replace(" ", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
                    result[key] = result.TryGetValue(key, out var earlier) ? [.. earlier, .. items] : items;
                }

                return result;
            default:
                throw new FixtureException(file, "$", "expected an object keyed by location.");
        }
    }

    private static Dictionary<string, IReadOnlyDictionary<string, JsonNode>> LoadGraph(LoadContext context)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, JsonNode>>(StringComparer.OrdinalIgnoreCase);
        foreach (var version in new[] { "v1.0", "beta" })
        {
            var documents = new Dictionary<string, JsonNode>(StringComparer.OrdinalIgnoreCase);
            var root = "graph/" + version;
            foreach (var file in context.FilesUnder(root, "*.json"))
            {
                var key = file[(root.Length + 1)..^".json".Length];
                var node = context.ReadRequired(file);
                if (node is JsonObject obj && obj["value"] is not null)
                {
                    ValidateValueArray(file, obj, requiredProperties: []);
                }
                else if (node is not JsonObject)
                {
                    throw new FixtureException(file, "$", "expected a JSON object (a Graph collection {\"value\": [...]} or a single Graph object).");
                }

                documents[key] = node;
            }

            result[version] = documents;
        }

        return result;
    }

    private static Dictionary<string, IReadOnlyList<JsonObject>> LoadVaults(LoadContext context)
    {
        var result = new Dictionary<string, IReadOnlyList<JsonObject>>(StringComparer.OrdinalIgnoreCase);
        var vaultsFolder = Path.Combine(context.Root, "keyvault");
        if (!Directory.Exists(vaultsFolder))
        {
            return result;
        }

        foreach (var vaultFolder in Directory.GetDirectories(vaultsFolder).Order(StringComparer.Ordinal))
        {
            var vault = Path.GetFileName(vaultFolder);
            var file = $"keyvault/{vault}/secrets.json";
            result[vault] = context.ReadValueArray(file, requiredProperties: ["id", "value"]);
        }

        return result;
    }

    private static List<JsonObject> ValidateValueArray(string file, JsonObject document, IReadOnlyList<string> requiredProperties)
    {
        if (document["value"] is not JsonArray array)
        {
            throw new FixtureException(file, "$.value", "expected an array of objects.");
        }

        var items = new List<JsonObject>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                throw new FixtureException(file, $"$.value[{i}]", "expected an object.");
            }

            foreach (var property in requiredProperties)
            {
                if (item[property] is not JsonValue value || !value.TryGetValue<string>(out var text) || text.Length == 0)
                {
                    throw new FixtureException(file, $"$.value[{i}].{property}", $"missing or empty string property '{property}'.");
                }
            }

            items.Add(item);
        }

        return items;
    }

    private static string StringOrDefault(JsonObject? obj, string property, string fallback) =>
        obj?[property] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0 ? text : fallback;

    private sealed class LoadContext(string root)
    {
        public string Root { get; } = Path.GetFullPath(root);

        public IEnumerable<string> FilesUnder(string relativeFolder, string pattern)
        {
            var folder = Path.Combine(Root, relativeFolder);
            if (!Directory.Exists(folder))
            {
                return [];
            }

            return Directory.GetFiles(folder, pattern, SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        public JsonNode? ReadOptional(string relative)
        {
            var full = Path.Combine(Root, relative);
            return File.Exists(full) ? JsonFixtureReader.Read(full, relative) : null;
        }

        public JsonNode ReadRequired(string relative) => JsonFixtureReader.Read(Path.Combine(Root, relative), relative);

        public List<JsonObject> ReadValueArray(string relative, IReadOnlyList<string> requiredProperties)
        {
            var node = ReadOptional(relative);
            return node switch
            {
                null => [],
                JsonObject obj => ValidateValueArray(relative, obj, requiredProperties),
                _ => throw new FixtureException(relative, "$", "expected an object {\"value\": [...]}."),
            };
        }

        public Dictionary<string, JsonObject> ReadObjectMap(string relative)
        {
            var result = new Dictionary<string, JsonObject>(StringComparer.OrdinalIgnoreCase);
            var node = ReadOptional(relative);
            if (node is null)
            {
                return result;
            }

            if (node is not JsonObject obj)
            {
                throw new FixtureException(relative, "$", "expected an object keyed by resource id.");
            }

            foreach (var (key, value) in obj)
            {
                if (value is not JsonObject entry)
                {
                    throw new FixtureException(relative, $"$['{key}']", "expected an object.");
                }

                result[key] = entry;
            }

            return result;
        }
    }
}
