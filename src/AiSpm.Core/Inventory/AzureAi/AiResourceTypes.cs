namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>The ARM types AiSpm inventories as AI assets, lower case as Resource Graph reports them.</summary>
public static class AiResourceTypes
{
    /// <summary>Cognitive Services / Azure OpenAI / AI Services accounts.</summary>
    public const string CognitiveServicesAccount = "microsoft.cognitiveservices/accounts";

    /// <summary>Foundry projects under an AI Services account.</summary>
    public const string FoundryProject = "microsoft.cognitiveservices/accounts/projects";

    /// <summary>Model deployments.</summary>
    public const string ModelDeployment = "microsoft.cognitiveservices/accounts/deployments";

    /// <summary>Content filter (RAI) policies.</summary>
    public const string RaiPolicy = "microsoft.cognitiveservices/accounts/raipolicies";

    /// <summary>Azure Machine Learning / Foundry hub and project workspaces.</summary>
    public const string MachineLearningWorkspace = "microsoft.machinelearningservices/workspaces";

    /// <summary>Managed online endpoints.</summary>
    public const string MachineLearningOnlineEndpoint = "microsoft.machinelearningservices/workspaces/onlineendpoints";

    /// <summary>Compute instances and clusters.</summary>
    public const string MachineLearningCompute = "microsoft.machinelearningservices/workspaces/computes";

    /// <summary>Connections of an AI Services (Foundry) account to data and services it reads.</summary>
    public const string CognitiveServicesConnection = "microsoft.cognitiveservices/accounts/connections";

    /// <summary>Connections of a Foundry project (family <see cref="AiResourceFamily.CognitiveServicesConnection"/>, under the project).</summary>
    public const string FoundryProjectConnection = "microsoft.cognitiveservices/accounts/projects/connections";

    /// <summary>Connections of a Machine Learning / Foundry hub workspace.</summary>
    public const string MachineLearningConnection = "microsoft.machinelearningservices/workspaces/connections";

    /// <summary>Datastores of a Machine Learning workspace (blob containers, file shares, Data Lake).</summary>
    public const string MachineLearningDatastore = "microsoft.machinelearningservices/workspaces/datastores";

    /// <summary>Storage accounts that a datastore or connection reads grounding or training data from.</summary>
    public const string StorageAccount = "microsoft.storage/storageaccounts";

    /// <summary>Blob containers of grounding storage accounts.</summary>
    public const string StorageContainer = "microsoft.storage/storageaccounts/blobservices/containers";

    /// <summary>AI Search data sources, read from the service's data plane; not an ARM type (AiSpm names it so ids nest under the service).</summary>
    public const string SearchDataSource = "microsoft.search/searchservices/datasources";

    /// <summary>AI Search indexers, read from the service's data plane; not an ARM type.</summary>
    public const string SearchIndexer = "microsoft.search/searchservices/indexers";

    /// <summary>Azure AI Search services.</summary>
    public const string SearchService = "microsoft.search/searchservices";

    /// <summary>Azure AI Bot Service bots.</summary>
    public const string BotService = "microsoft.botservice/botservices";

    /// <summary>Diagnostic settings (extension resources on any of the above).</summary>
    public const string DiagnosticSetting = "microsoft.insights/diagnosticsettings";

    /// <summary>Private endpoints.</summary>
    public const string PrivateEndpoint = "microsoft.network/privateendpoints";

    /// <summary>The ARM type (lower case) of a family.</summary>
    public static string TypeOf(AiResourceFamily family) => family switch
    {
        AiResourceFamily.CognitiveServicesAccount => CognitiveServicesAccount,
        AiResourceFamily.FoundryProject => FoundryProject,
        AiResourceFamily.ModelDeployment => ModelDeployment,
        AiResourceFamily.RaiPolicy => RaiPolicy,
        AiResourceFamily.MachineLearningWorkspace => MachineLearningWorkspace,
        AiResourceFamily.MachineLearningOnlineEndpoint => MachineLearningOnlineEndpoint,
        AiResourceFamily.MachineLearningCompute => MachineLearningCompute,
        AiResourceFamily.SearchService => SearchService,
        AiResourceFamily.BotService => BotService,
        AiResourceFamily.CognitiveServicesConnection => CognitiveServicesConnection,
        AiResourceFamily.MachineLearningConnection => MachineLearningConnection,
        AiResourceFamily.MachineLearningDatastore => MachineLearningDatastore,
        AiResourceFamily.GroundingStorage => StorageAccount,
        AiResourceFamily.GroundingContainer => StorageContainer,
        AiResourceFamily.SearchDataSource => SearchDataSource,
        AiResourceFamily.SearchIndexer => SearchIndexer,
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, "Unknown family."),
    };

    /// <summary>The family of a type, or null when the type is not an AI asset.</summary>
    public static AiResourceFamily? FamilyOf(string type) => type.ToLowerInvariant() switch
    {
        CognitiveServicesAccount => AiResourceFamily.CognitiveServicesAccount,
        FoundryProject => AiResourceFamily.FoundryProject,
        ModelDeployment => AiResourceFamily.ModelDeployment,
        RaiPolicy => AiResourceFamily.RaiPolicy,
        MachineLearningWorkspace => AiResourceFamily.MachineLearningWorkspace,
        MachineLearningOnlineEndpoint => AiResourceFamily.MachineLearningOnlineEndpoint,
        MachineLearningCompute => AiResourceFamily.MachineLearningCompute,
        SearchService => AiResourceFamily.SearchService,
        BotService => AiResourceFamily.BotService,
        CognitiveServicesConnection or FoundryProjectConnection => AiResourceFamily.CognitiveServicesConnection,
        MachineLearningConnection => AiResourceFamily.MachineLearningConnection,
        MachineLearningDatastore => AiResourceFamily.MachineLearningDatastore,
        StorageAccount => AiResourceFamily.GroundingStorage,
        StorageContainer => AiResourceFamily.GroundingContainer,
        SearchDataSource => AiResourceFamily.SearchDataSource,
        SearchIndexer => AiResourceFamily.SearchIndexer,
        _ => null,
    };
}
