using System.Globalization;
using System.Text.Json;
using AiSpm.Core.Secrets;

namespace AiSpm.Core.Inventory.CopilotStudio;

/// <summary>
/// Builds a <see cref="CopilotStudioInventory"/> from raw answers as Microsoft documents them: the Power Platform
/// admin API's environment list (<c>value[]</c> with <c>name</c> and <c>properties</c>), and per environment the
/// Dataverse Web API's <c>bots</c>, <c>botcomponents</c> and <c>systemusers</c> rows. A component's <c>data</c> is the
/// agent's YAML; <paramref name="readComponent"/> turns it into JSON (the YAML reader lives with the connectors), and
/// the builder keeps only what the rules read — the text itself, which may hold credentials, is scanned and dropped.
/// A row without what every such row carries is skipped with a note; a missing column leaves its field null.
/// </summary>
/// <param name="readComponent">Parses a component's YAML into JSON; null when it is not readable.</param>
/// <param name="scanner">Finds credentials in components and configuration (fingerprint and hint only); null skips the scan.</param>
public sealed class CopilotStudioInventoryBuilder(Func<string, JsonElement?> readComponent, SecretScanner? scanner = null)
{
    private readonly List<PowerPlatformEnvironment> _environments = [];
    private readonly List<CopilotAgent> _agents = [];
    private readonly List<string> _notCollected = [];

    /// <summary>The environments added so far.</summary>
    public IReadOnlyList<PowerPlatformEnvironment> Environments => _environments;

    /// <summary>Adds the environments of a Power Platform admin API list (<c>{"value": [...]}</c>).</summary>
    public CopilotStudioInventoryBuilder AddEnvironments(JsonElement list, string source)
    {
        foreach (var item in Items(list))
        {
            if (Text(item, "name") is not { } id)
            {
                _notCollected.Add($"{source}: an environment without a name was skipped");
                continue;
            }

            var properties = item.TryGetProperty("properties", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
            var url = properties.ValueKind == JsonValueKind.Object && properties.TryGetProperty("linkedEnvironmentMetadata", out var linked) && linked.ValueKind == JsonValueKind.Object
                && Text(linked, "instanceUrl") is { } instance && Uri.TryCreate(instance, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps ? uri : null;
            _environments.Add(new PowerPlatformEnvironment(
                id,
                (properties.ValueKind == JsonValueKind.Object ? Text(properties, "displayName") : null) ?? id,
                properties.ValueKind == JsonValueKind.Object ? Text(properties, "environmentSku") : null,
                url));
        }

        return this;
    }

    /// <summary>Records a part that could not be read (an environment whose Dataverse refused the application user, …).</summary>
    public CopilotStudioInventoryBuilder NotCollected(string part, string reason)
    {
        _notCollected.Add($"{part}: {reason}");
        return this;
    }

    /// <summary>
    /// Adds the agents of one environment: its <c>bots</c> rows, and when read its <c>botcomponents</c> (null: the
    /// component checks are Unknown), the <c>systemusers</c> that own them, its <c>connectionreferences</c> and the custom
    /// <c>connectors</c> they name (null: the tools' connectors and endpoints are unknown).
    /// </summary>
    public CopilotStudioInventoryBuilder AddAgents(string environmentId, JsonElement bots, JsonElement? components, JsonElement? users, string source,
        JsonElement? connectionReferences = null, JsonElement? connectors = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(environmentId);
        var owners = users is { } u
            ? Items(u).Where(r => Text(r, "systemuserid") is not null).GroupBy(r => Text(r, "systemuserid")!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase)
            : null;
        var byBot = components is { } c
            ? Items(c).Where(r => Text(r, "_parentbotid_value") is not null).ToLookup(r => Text(r, "_parentbotid_value")!, StringComparer.OrdinalIgnoreCase)
            : null;
        foreach (var bot in Items(bots))
        {
            if (Text(bot, "botid") is not { } id)
            {
                _notCollected.Add($"{source}: a bot without a botid was skipped");
                continue;
            }

            var agent = new CopilotAgent
            {
                EnvironmentId = environmentId,
                Id = id,
                Name = Text(bot, "name") ?? Text(bot, "schemaname") ?? id,
                SchemaName = Text(bot, "schemaname"),
                AuthenticationMode = Int(bot, "authenticationmode"),
                AuthenticationTrigger = Int(bot, "authenticationtrigger"),
                AccessControlPolicy = Int(bot, "accesscontrolpolicy"),
                AuthorizedGroups = Text(bot, "authorizedsecuritygroupids") is { } groups
                    ? groups.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    : [],
                State = Int(bot, "statecode"),
                PublishedOn = Time(bot, "publishedon"),
                ModifiedOn = Time(bot, "modifiedon"),
                // A team-owned agent (the lookup's annotation says team) has no single owner to lose.
                Owner = Text(bot, "_ownerid_value") is { } ownerId && !string.Equals(Text(bot, "_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname"), "team", StringComparison.OrdinalIgnoreCase)
                    ? OwnerOf(ownerId, owners)
                    : null,
            };
            var secrets = new List<AgentSecret>();
            if (Text(bot, "configuration") is { } configuration)
            {
                Scan("configuration", configuration, secrets);
            }

            var read = byBot is null ? agent with { Secrets = secrets } : WithComponents(agent, byBot[id], secrets, source);
            _agents.Add(connectionReferences is { } references ? WithConnections(read, references, connectors) : read);
        }

        return this;
    }

    /// <summary>Names each tool's connector through its connection reference, and a custom connector's endpoint from its OpenAPI definition.</summary>
    private static CopilotAgent WithConnections(CopilotAgent agent, JsonElement references, JsonElement? connectors)
    {
        var byName = Items(references).Where(r => Text(r, "connectionreferencelogicalname") is not null)
            .GroupBy(r => Text(r, "connectionreferencelogicalname")!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var custom = connectors is { } c
            ? Items(c).Where(r => Text(r, "connectorid") is not null).GroupBy(r => Text(r, "connectorid")!, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase)
            : null;
        var tools = agent.Tools.Select(tool =>
        {
            if (tool.ConnectionReference is null || !byName.TryGetValue(tool.ConnectionReference, out var reference))
            {
                return tool;
            }

            var customId = Text(reference, "_customconnectorid_value");
            var endpoint = customId is not null && custom is not null && custom.TryGetValue(customId, out var connector) && Text(connector, "openapidefinition") is { } definition
                ? EndpointOf(definition)
                : null;
            return tool with { Connector = Text(reference, "connectorid"), IsCustomConnector = customId is not null, Endpoint = endpoint };
        }).ToList();
        // A custom connector named by a reference but not read (the connectors table refused) leaves its endpoint unknown.
        return agent with { Tools = tools, ConnectionsRead = custom is not null || tools.All(t => !t.IsCustomConnector) };
    }

    /// <summary><c>scheme://host/basePath</c> of an OpenAPI 2.0 definition (https when it names no scheme), or null without a host.</summary>
    private static Uri? EndpointOf(string definition)
    {
        try
        {
            using var document = JsonDocument.Parse(definition);
            var root = document.RootElement;
            if (Text(root, "host") is not { } host)
            {
                return null;
            }

            var scheme = root.TryGetProperty("schemes", out var schemes) && schemes.ValueKind == JsonValueKind.Array
                && schemes.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.String ? x.GetString() : null).OfType<string>().ToList() is { Count: > 0 } listed
                ? (listed.Contains("https", StringComparer.OrdinalIgnoreCase) ? "https" : listed[0])
                : "https";
            return Uri.TryCreate($"{scheme}://{host}{Text(root, "basePath") ?? "/"}", UriKind.Absolute, out var uri) ? uri : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The inventory.</summary>
    public CopilotStudioInventory Build() => new(_environments.ToList(), _agents.ToList(), _notCollected.ToList(), true);

    private static AgentOwner OwnerOf(string ownerId, Dictionary<string, JsonElement>? owners)
    {
        if (owners is null)
        {
            return new AgentOwner(ownerId, null, null, ownerId, null);
        }

        return owners.TryGetValue(ownerId, out var user)
            ? new AgentOwner(ownerId, Text(user, "azureactivedirectoryobjectid"), Bool(user, "isdisabled"), Text(user, "fullname") ?? Text(user, "domainname") ?? ownerId, true)
            : new AgentOwner(ownerId, null, null, ownerId, false);
    }

    private CopilotAgent WithComponents(CopilotAgent agent, IEnumerable<JsonElement> components, List<AgentSecret> secrets, string source)
    {
        var tools = new List<AgentTool>();
        var requests = new List<AgentHttpRequest>();
        var knowledge = new List<AgentKnowledgeSource>();
        string? instructions = null;
        var hasDefinition = false;
        foreach (var component in components)
        {
            var name = Text(component, "name") ?? Text(component, "schemaname") ?? Text(component, "botcomponentid") ?? "(unnamed)";
            if (Text(component, "data") is not { Length: > 0 } data)
            {
                continue;
            }

            Scan(name, data, secrets);
            if (readComponent(data) is not { ValueKind: JsonValueKind.Object } document)
            {
                _notCollected.Add($"{source}: component '{name}' of agent '{agent.Name}' is not readable YAML; its checks are incomplete");
                continue;
            }

            foreach (var node in Objects(document))
            {
                switch (Text(node, "kind"))
                {
                    case "HttpRequestAction" when Text(node, "url") is { } url:
                        requests.Add(new AgentHttpRequest(name, url, Text(node, "method")));
                        break;
                    case "TaskDialog" when node.TryGetProperty("action", out var action) && action.ValueKind == JsonValueKind.Object:
                        if (ToolOf(name, node, action) is { } tool)
                        {
                            tools.Add(tool);
                        }

                        break;
                    case "KnowledgeSourceConfiguration" when node.TryGetProperty("source", out var ks) && ks.ValueKind == JsonValueKind.Object && Text(ks, "kind") is { } kind:
                        knowledge.Add(new AgentKnowledgeSource(name, kind, Text(ks, "site")));
                        break;
                    case "GptComponentMetadata":
                        hasDefinition = true;
                        instructions ??= Text(node, "instructions");
                        break;
                }
            }
        }

        return agent with
        {
            ComponentsRead = true,
            HasDefinition = hasDefinition,
            Instructions = instructions,
            Tools = tools,
            HttpRequests = requests,
            KnowledgeSources = knowledge,
            Secrets = secrets.DistinctBy(s => s.Fingerprint).ToList(),
        };
    }

    private static AgentTool? ToolOf(string name, JsonElement dialog, JsonElement action)
    {
        var kind = Text(action, "kind");
        if (kind is not ("InvokeConnectorTaskAction" or "InvokeExternalAgentTaskAction"))
        {
            return null;
        }

        // The authoring schema's default connection mode is Maker: a tool that does not say Invoker runs as its maker.
        var mode = action.TryGetProperty("connectionProperties", out var connection) && connection.ValueKind == JsonValueKind.Object ? Text(connection, "mode") : null;
        var details = action.TryGetProperty("operationDetails", out var d) && d.ValueKind == JsonValueKind.Object ? d : default;
        var isMcp = kind == "InvokeExternalAgentTaskAction" && details.ValueKind == JsonValueKind.Object && Text(details, "kind") == "ModelContextProtocolMetadata";
        var inputs = dialog.TryGetProperty("inputs", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object && Text(i, "propertyName") is not null)
                .Select(i => new AgentToolInput(Text(i, "propertyName")!, Text(i, "kind") == "ManualTaskInput", Text(i, "value"))).ToList()
            : [];
        return new AgentTool(name, isMcp, Text(action, "connectionReference"), !string.Equals(mode, "Invoker", StringComparison.OrdinalIgnoreCase),
            Text(action, "operationId") ?? (details.ValueKind == JsonValueKind.Object ? Text(details, "operationId") : null), inputs);
    }

    private void Scan(string component, string text, List<AgentSecret> secrets)
    {
        if (scanner is null)
        {
            return;
        }

        foreach (var match in scanner.ScanText(text))
        {
            secrets.Add(new AgentSecret(component, match.DetectorId, match.Fingerprint.ToString(), match.Hint));
        }
    }

    private static IEnumerable<JsonElement> Items(JsonElement list) =>
        list.ValueKind == JsonValueKind.Object && list.TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object)
            : list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object) : [];

    private static IEnumerable<JsonElement> Objects(JsonElement element)
    {
        var stack = new Stack<JsonElement>();
        stack.Push(element);
        while (stack.Count > 0)
        {
            var current = stack.Pop();
            if (current.ValueKind == JsonValueKind.Object)
            {
                yield return current;
                foreach (var property in current.EnumerateObject())
                {
                    stack.Push(property.Value);
                }
            }
            else if (current.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in current.EnumerateArray())
                {
                    stack.Push(item);
                }
            }
        }
    }

    private static string? Text(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    private static int? Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.ValueKind switch
        {
            JsonValueKind.Number when v.TryGetInt32(out var n) => n,
            JsonValueKind.String when int.TryParse(v.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) => n,
            _ => null,
        } : null;

    private static bool? Bool(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null;

    private static DateTimeOffset? Time(JsonElement e, string name) =>
        Text(e, name) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
