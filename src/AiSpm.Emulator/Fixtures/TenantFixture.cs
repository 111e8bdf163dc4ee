using System.Text.Json.Nodes;

namespace AiSpm.Emulator.Fixtures;

/// <summary>
/// A loaded fixture folder: the raw API objects of one tenant, grouped by the service that serves them.
/// Objects stay as the JSON the real APIs return; the emulator indexes them but adds nothing to them.
/// </summary>
public sealed class TenantFixture
{
    /// <summary>The tenant id (GUID) from <c>tenant.json</c>.</summary>
    public string TenantId { get; init; } = "00000000-0000-0000-0000-000000000000";

    /// <summary>The tenant display name from <c>tenant.json</c>.</summary>
    public string DisplayName { get; init; } = "Emulated tenant";

    /// <summary>The default verified domain from <c>tenant.json</c>.</summary>
    public string DefaultDomain { get; init; } = "contoso.example";

    /// <summary>Subscription objects as <c>GET /subscriptions</c> returns them.</summary>
    public IReadOnlyList<JsonObject> Subscriptions { get; init; } = [];

    /// <summary>ARM resource objects (including child, extension and deployment-history objects), each with its real <c>id</c>.</summary>
    public IReadOnlyList<JsonObject> ArmResources { get; init; } = [];

    /// <summary>
    /// Rows of the Resource Graph tables that are not built from ARM objects, by table: <c>authorizationresources</c>
    /// (role assignments) and <c>securityresources</c> (Defender for Cloud alerts), as Resource Graph returns them.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> ResourceGraphTables { get; init; } = new Dictionary<string, IReadOnlyList<JsonObject>>();

    /// <summary>Keys per resource id, as <c>listKeys</c> returns them.</summary>
    public IReadOnlyDictionary<string, JsonObject> ListKeys { get; init; } = new Dictionary<string, JsonObject>();

    /// <summary>App settings per site resource id (<c>{"properties": {...}}</c>).</summary>
    public IReadOnlyDictionary<string, JsonObject> AppSettings { get; init; } = new Dictionary<string, JsonObject>();

    /// <summary>
    /// Cognitive Services Models API items per location (normalised: lower case, no spaces), each as the list returns it in
    /// <c>value</c> (<c>{"kind","skuName","model":{…}}</c>); a location without an entry lists nothing.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> Models { get; init; } = new Dictionary<string, IReadOnlyList<JsonObject>>();

    /// <summary>Microsoft Graph documents per version ("v1.0", "beta") and relative path without ".json" (e.g. "servicePrincipals").</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonNode>> GraphDocuments { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, JsonNode>>();

    /// <summary>Secret bundles per vault name (all versions, in file order).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<JsonObject>> VaultSecrets { get; init; } = new Dictionary<string, IReadOnlyList<JsonObject>>();

    /// <summary>
    /// The AI Search data plane per service name: <c>search/{service}.json</c> with <c>datasources</c> (as created,
    /// connection strings included; lists return them as null, as the service does) and <c>indexers</c> arrays.
    /// </summary>
    public IReadOnlyDictionary<string, JsonObject> SearchServices { get; init; } = new Dictionary<string, JsonObject>();

    /// <summary>An empty tenant (no subscriptions, no directory objects, no vaults).</summary>
    public static TenantFixture Empty { get; } = new();

    /// <summary>
    /// <c>powerplatform/environments.json</c>: the Power Platform admin API's environment list items, as the service
    /// answers them (<c>name</c>, <c>properties.linkedEnvironmentMetadata.instanceUrl</c> for Dataverse).
    /// </summary>
    public IReadOnlyList<JsonObject> PowerPlatformEnvironments { get; init; } = [];

    /// <summary>
    /// <c>dataverse/{environment}/{table}.json</c>: each environment's Dataverse tables (<c>bots</c>,
    /// <c>botcomponents</c>, <c>systemusers</c>) as Web API lists. An environment with Dataverse and no folder is one
    /// where AiSpm has no application user: its Web API refuses the token.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>> DataverseTables { get; init; } =
        new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<JsonObject>>>();
}
