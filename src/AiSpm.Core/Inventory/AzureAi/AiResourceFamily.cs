namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>What kind of AI asset a resource is, whatever its exact ARM type or kind.</summary>
public enum AiResourceFamily
{
    /// <summary><c>Microsoft.CognitiveServices/accounts</c> of any kind (OpenAI, AIServices, ContentSafety, …).</summary>
    CognitiveServicesAccount,

    /// <summary><c>Microsoft.CognitiveServices/accounts/projects</c> (Foundry projects).</summary>
    FoundryProject,

    /// <summary><c>Microsoft.CognitiveServices/accounts/deployments</c>: a deployed model.</summary>
    ModelDeployment,

    /// <summary><c>Microsoft.CognitiveServices/accounts/raiPolicies</c>: a content filter configuration.</summary>
    RaiPolicy,

    /// <summary><c>Microsoft.MachineLearningServices/workspaces</c> (Default, Hub, Project).</summary>
    MachineLearningWorkspace,

    /// <summary><c>Microsoft.MachineLearningServices/workspaces/onlineEndpoints</c>.</summary>
    MachineLearningOnlineEndpoint,

    /// <summary><c>Microsoft.MachineLearningServices/workspaces/computes</c>.</summary>
    MachineLearningCompute,

    /// <summary><c>Microsoft.Search/searchServices</c>.</summary>
    SearchService,

    /// <summary><c>Microsoft.BotService/botServices</c>.</summary>
    BotService,

    /// <summary><c>Microsoft.CognitiveServices/accounts/connections</c> (credentials never kept).</summary>
    CognitiveServicesConnection,

    /// <summary><c>Microsoft.MachineLearningServices/workspaces/connections</c> (credentials never kept).</summary>
    MachineLearningConnection,

    /// <summary><c>Microsoft.MachineLearningServices/workspaces/datastores</c> (secrets never kept).</summary>
    MachineLearningDatastore,

    /// <summary><c>Microsoft.Storage/storageAccounts</c> that a datastore or connection of the inventory reads from (only those).</summary>
    GroundingStorage,

    /// <summary><c>Microsoft.Storage/storageAccounts/blobServices/containers</c> of grounding storage that a link names (or every container of an account a link names whole).</summary>
    GroundingContainer,

    /// <summary>An AI Search data source (data plane <c>/datasources</c>; AiSpm's type <c>microsoft.search/searchservices/datasources</c>); its connection string is never kept.</summary>
    SearchDataSource,

    /// <summary>An AI Search indexer (data plane <c>/indexers</c>; AiSpm's type <c>microsoft.search/searchservices/indexers</c>).</summary>
    SearchIndexer,
}
