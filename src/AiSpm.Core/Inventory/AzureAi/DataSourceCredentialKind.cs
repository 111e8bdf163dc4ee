namespace AiSpm.Core.Inventory.AzureAi;

/// <summary>How an AI Search data source authenticates to the data it indexes, as its connection string shows.</summary>
public enum DataSourceCredentialKind
{
    /// <summary>The connection string was not returned (the service omits it unless asked), was encrypted, or is in a form AiSpm does not know.</summary>
    Unknown,

    /// <summary><c>ResourceId=…</c> with no secret: the search service's managed identity (or the data source's user-assigned one) signs in with Microsoft Entra ID.</summary>
    ManagedIdentity,

    /// <summary>A storage or Cosmos DB account key (<c>AccountKey=</c>).</summary>
    AccountKey,

    /// <summary>A shared access signature (<c>SharedAccessSignature=</c>, <c>ContainerSharedAccessUri=</c>, a <c>sig=</c> parameter).</summary>
    SharedAccessSignature,

    /// <summary>A database login (<c>Password=</c>, or a SQL <c>Server=</c> without <c>ResourceId</c>, whose user and password the service trims).</summary>
    Password,
}
