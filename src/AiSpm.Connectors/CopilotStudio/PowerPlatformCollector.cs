using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Collection;
using AiSpm.Core.Inventory.CopilotStudio;
using AiSpm.Core.Secrets;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace AiSpm.Connectors.CopilotStudio;

/// <summary>
/// Reads Copilot Studio agents app-only: the environments from the Power Platform admin API (the installation's
/// identity registered as a Power Platform management application), and per environment with Dataverse its
/// <c>bots</c>, <c>botcomponents</c>, the <c>systemusers</c> that own the agents, the <c>connectionreferences</c> their tools
/// use and the custom <c>connectors</c> those name, through the Dataverse Web API
/// (the identity added to the environment as an application user with a role that reads those tables). A 401, 403 or
/// 404 is a coverage note naming the missing setup, never an error of the scan; lists follow <c>@odata.nextLink</c>
/// up to a bound, and every request counts under the connection's calls.
/// </summary>
public sealed class PowerPlatformCollector(ArmConnection connection, SecretScanner? scanner = null)
{
    /// <summary>The admin API's environment list.</summary>
    public static readonly Uri EnvironmentsUri = new("https://api.bap.microsoft.com/providers/Microsoft.BusinessAppPlatform/scopes/admin/environments?api-version=2020-10-01");

    /// <summary>The token scope of the Power Platform admin API.</summary>
    public const string AdminScope = "https://api.bap.microsoft.com/.default";

    /// <summary>Pages read per list at most (5,000 rows a page with the preference AiSpm sends).</summary>
    public const int MaxPages = 20;

    /// <summary>Ids named in one <c>$filter</c> at most (systemusers, connectors).</summary>
    private const int MaxIdsPerFilter = 50;

    private const string BotColumns = "botid,name,schemaname,authenticationmode,authenticationtrigger,accesscontrolpolicy,authorizedsecuritygroupids,statecode,publishedon,modifiedon,_ownerid_value,configuration";
    private const string ComponentColumns = "botcomponentid,name,schemaname,componenttype,data,_parentbotid_value,modifiedon";
    private const string UserColumns = "systemuserid,azureactivedirectoryobjectid,isdisabled,fullname,domainname";
    private const string ReferenceColumns = "connectionreferenceid,connectionreferencelogicalname,connectorid,_customconnectorid_value";
    private const string ConnectorColumns = "connectorid,name,displayname,connectortype,openapidefinition";

    private readonly List<CollectionError> _errors = [];

    /// <summary>What could not be read, as coverage records.</summary>
    public IReadOnlyList<CollectionError> Errors => _errors;

    /// <summary>Lists the environments and reads the agents of each environment with Dataverse.</summary>
    public async Task<CopilotStudioInventory> CollectAsync(CancellationToken cancellationToken = default)
    {
        var builder = new CopilotStudioInventoryBuilder(AgentComponentYaml.ToJson, scanner);
        var environments = await ListEnvironmentsAsync(builder, cancellationToken).ConfigureAwait(false);
        foreach (var environment in environments)
        {
            await CollectEnvironmentAsync(builder, environment, cancellationToken).ConfigureAwait(false);
        }

        return builder.Build();
    }

    /// <summary>The environments (also added to <paramref name="builder"/>); empty with a coverage note when the admin API refused.</summary>
    public async Task<IReadOnlyList<PowerPlatformEnvironment>> ListEnvironmentsAsync(CopilotStudioInventoryBuilder builder, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var items = await ListAsync(connection.DataPlanePipeline(AdminScope), EnvironmentsUri, "environments", builder,
            "register the installation's identity as a Power Platform management application (docs/copilot.md)", cancellationToken).ConfigureAwait(false);
        if (items is null)
        {
            return [];
        }

        var before = builder.Environments.Count;
        builder.AddEnvironments(JsonSerializer.SerializeToElement(new { value = items }), "powerplatform environments");
        return builder.Environments.Skip(before).ToList();
    }

    /// <summary>Reads one environment's agents into <paramref name="builder"/>; an environment without Dataverse has none.</summary>
    public async Task CollectEnvironmentAsync(CopilotStudioInventoryBuilder builder, PowerPlatformEnvironment environment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.DataverseUrl is not { } org)
        {
            return; // no Dataverse: no Copilot Studio agents to read
        }

        var pipeline = connection.DataPlanePipeline(new Uri(org, "/.default").AbsoluteUri);
        var part = $"dataverse {environment.DisplayName}";
        var setup = $"add the installation's identity to environment '{environment.DisplayName}' as an application user with a role that reads bots, botcomponents, systemusers, connectionreferences and connectors (docs/copilot.md)";
        var bots = await ListAsync(pipeline, Table(org, "bots", BotColumns), part, builder, setup, cancellationToken).ConfigureAwait(false);
        if (bots is null)
        {
            return;
        }

        var components = bots.Count == 0 ? [] : await ListAsync(pipeline, Table(org, "botcomponents", ComponentColumns, "_parentbotid_value ne null"), part, builder, setup, cancellationToken).ConfigureAwait(false);
        var owners = GuidsOf(bots, "_ownerid_value");
        var users = owners.Count == 0 ? [] : await ListAsync(pipeline, Table(org, "systemusers", UserColumns, AnyOf("systemuserid", owners)), part, builder, setup, cancellationToken).ConfigureAwait(false);
        // Tools name connection references; a custom connector behind one names the host its MCP server or API runs on.
        var references = components is not { Count: > 0 } ? null : await ListAsync(pipeline, Table(org, "connectionreferences", ReferenceColumns), part, builder, setup, cancellationToken).ConfigureAwait(false);
        var custom = references is null ? [] : GuidsOf(references, "_customconnectorid_value");
        var connectors = custom.Count == 0 ? [] : await ListAsync(pipeline, Table(org, "connectors", ConnectorColumns, AnyOf("connectorid", custom)), part, builder, setup, cancellationToken).ConfigureAwait(false);
        // More ids than one filter names leave those rows unread: their checks are Unknown.
        builder.AddAgents(environment.Id, Wrap(bots), components is null ? null : Wrap(components), users is null || owners.Count > MaxIdsPerFilter ? null : Wrap(users), part,
            references is null ? null : Wrap(references), connectors is null || custom.Count > MaxIdsPerFilter ? null : Wrap(connectors));
    }

    /// <summary>The distinct GUIDs a lookup column of <paramref name="rows"/> holds.</summary>
    private static List<string> GuidsOf(List<JsonElement> rows, string column) => rows
        .Select(r => r.TryGetProperty(column, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null)
        .OfType<string>().Where(id => Guid.TryParse(id, out _)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>An OData filter matching the first <see cref="MaxIdsPerFilter"/> of <paramref name="ids"/> in <paramref name="column"/>.</summary>
    private static string AnyOf(string column, IEnumerable<string> ids) => string.Join(" or ", ids.Take(MaxIdsPerFilter).Select(id => $"{column} eq {id}"));

    private static Uri Table(Uri org, string table, string columns, string? filter = null) =>
        new(org, $"/api/data/v9.2/{table}?$select={columns}" + (filter is null ? string.Empty : "&$filter=" + Uri.EscapeDataString(filter)));

    private static JsonElement Wrap(List<JsonElement> rows) => JsonSerializer.SerializeToElement(new { value = rows });

    // Every page of a list, or null (with a coverage note) when the service refused or the answer was not a list.
    private async Task<List<JsonElement>?> ListAsync(HttpPipeline pipeline, Uri first, string part, CopilotStudioInventoryBuilder builder, string setup, CancellationToken cancellationToken)
    {
        var rows = new List<JsonElement>();
        Uri? next = first;
        try
        {
            for (var page = 0; next is not null && page < MaxPages; page++)
            {
                using var message = pipeline.CreateMessage();
                message.Request.Method = RequestMethod.Get;
                message.Request.Uri.Reset(next);
                message.Request.Headers.SetValue("Accept", "application/json");
                message.Request.Headers.SetValue("Prefer", "odata.maxpagesize=5000,odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\"");
                await pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);

                using var document = await JsonDocument.ParseAsync(message.Response.ContentStream ?? Stream.Null, cancellationToken: cancellationToken).ConfigureAwait(false);
                if (!document.RootElement.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Array)
                {
                    throw new JsonException($"The answer of {next.GetLeftPart(UriPartial.Path)} has no 'value' array.");
                }

                rows.AddRange(value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.Object).Select(v => v.Clone()));
                next = document.RootElement.TryGetProperty("@odata.nextLink", out var link) && link.ValueKind == JsonValueKind.String
                    && Uri.TryCreate(link.GetString(), UriKind.Absolute, out var linked) && linked.Host == first.Host ? linked : null;
            }

            return rows;
        }
        catch (RequestFailedException ex)
        {
            var reason = ex.Status is 401 or 403 or 404 ? $"{ex.Status}: {setup}" : $"{ex.Status} {ex.Message.Split('\n')[0]}";
            builder.NotCollected(part, reason);
            _errors.Add(new CollectionError(part, "GET " + first.GetLeftPart(UriPartial.Path), ex.Status, reason));
            return null;
        }
        catch (JsonException ex)
        {
            builder.NotCollected(part, ex.Message);
            _errors.Add(new CollectionError(part, "GET " + first.GetLeftPart(UriPartial.Path), 200, ex.Message));
            return null;
        }
    }
}
