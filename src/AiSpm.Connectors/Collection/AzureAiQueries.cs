using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Connectors.Collection;

/// <summary>The Resource Graph query and the per-resource ARM reads of the Azure AI collector.</summary>
internal static class AzureAiQueries
{
    public static readonly string[] GraphTypes =
    [
        AiResourceTypes.CognitiveServicesAccount, AiResourceTypes.FoundryProject, AiResourceTypes.ModelDeployment, AiResourceTypes.RaiPolicy,
        AiResourceTypes.MachineLearningWorkspace, AiResourceTypes.MachineLearningOnlineEndpoint, AiResourceTypes.MachineLearningCompute,
        AiResourceTypes.SearchService, AiResourceTypes.BotService,
    ];

    /// <summary>One query for every AI type; child types come back only where Resource Graph indexes them.</summary>
    public static string AiResources { get; } =
        "resources | where type in~ (" + string.Join(", ", GraphTypes.Select(t => $"'{t}'")) + ") " +
        "| project id, name, type, kind, location, resourceGroup, subscriptionId, tenantId, tags, sku, identity, properties " +
        "| order by id asc";

    /// <summary>Child collections read from ARM per parent, with the api-version each provider serves.</summary>
    public static readonly (AiResourceFamily Parent, string ChildType, string Segment, string ApiVersion, Func<string?, bool> ForKind)[] ChildLists =
    [
        (AiResourceFamily.CognitiveServicesAccount, AiResourceTypes.ModelDeployment, "deployments", "2024-10-01", kind => kind is null || kind.Equals("OpenAI", StringComparison.OrdinalIgnoreCase) || kind.Equals("AIServices", StringComparison.OrdinalIgnoreCase)),
        (AiResourceFamily.CognitiveServicesAccount, AiResourceTypes.RaiPolicy, "raiPolicies", "2024-10-01", kind => kind is null || kind.Equals("OpenAI", StringComparison.OrdinalIgnoreCase) || kind.Equals("AIServices", StringComparison.OrdinalIgnoreCase)),
        (AiResourceFamily.CognitiveServicesAccount, AiResourceTypes.FoundryProject, "projects", "2025-06-01", kind => kind is not null && kind.Equals("AIServices", StringComparison.OrdinalIgnoreCase)),
        (AiResourceFamily.MachineLearningWorkspace, AiResourceTypes.MachineLearningCompute, "computes", "2024-10-01", _ => true),
        (AiResourceFamily.MachineLearningWorkspace, AiResourceTypes.MachineLearningOnlineEndpoint, "onlineEndpoints", "2024-10-01", _ => true),
        // The data AI reads: connections (category, target, authType; the list never returns credentials unless asked)
        // and datastores (type, account, container, credentials type; secrets only through listSecrets, never called).
        (AiResourceFamily.CognitiveServicesAccount, AiResourceTypes.CognitiveServicesConnection, "connections", "2025-06-01", kind => kind is not null && kind.Equals("AIServices", StringComparison.OrdinalIgnoreCase)),
        (AiResourceFamily.MachineLearningWorkspace, AiResourceTypes.MachineLearningConnection, "connections", "2024-10-01", _ => true),
        (AiResourceFamily.MachineLearningWorkspace, AiResourceTypes.MachineLearningDatastore, "datastores", "2024-10-01", _ => true),
    ];

    /// <summary>The storage accounts among <paramref name="ids"/>: the grounding storage datastores and connections point at.</summary>
    public static string GroundingStorage(IEnumerable<string> ids) =>
        "resources | where type =~ 'microsoft.storage/storageaccounts' | where id in~ (" + string.Join(", ", ids.Select(id => $"'{id.Replace("'", string.Empty, StringComparison.Ordinal)}'")) + ") " +
        "| project id, name, type, kind, location, resourceGroup, subscriptionId, tenantId, tags, sku, identity, properties";

    /// <summary>Most storage account ids one query names.</summary>
    public const int GroundingStorageIdsPerQuery = 200;

    /// <summary>The api-version a Foundry project's connections are listed with (one list per project the account list returned).</summary>
    public const string ProjectConnectionsApiVersion = "2025-06-01";

    /// <summary>The api-version blob containers are listed with (<c>properties.publicAccess</c>).</summary>
    public const string StorageContainersApiVersion = "2023-05-01";

    /// <summary>The api-version to GET a top-level AI resource of a type with.</summary>
    public static string ApiVersionOf(string type) => type.ToLowerInvariant() switch
    {
        AiResourceTypes.CognitiveServicesAccount => "2024-10-01",
        AiResourceTypes.MachineLearningWorkspace => "2024-10-01",
        AiResourceTypes.SearchService => "2023-11-01",
        AiResourceTypes.BotService => "2022-09-15",
        _ => "2024-10-01",
    };

    public const string DiagnosticSettingsApiVersion = "2021-05-01-preview";

    public const string SubscriptionsApiVersion = "2022-12-01";

    /// <summary>The api-version of the Cognitive Services Models API (<c>locations/{location}/models</c>).</summary>
    public const string ModelsApiVersion = "2024-10-01";
}
