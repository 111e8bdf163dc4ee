using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Graph;

/// <summary>
/// The <c>grounded-on</c> edge of a connection or datastore: what data it reads, from its documented properties. A
/// datastore points at its storage account (by ARM id when it names the subscription and resource group, else by its
/// endpoint host) with the container, file system or share as label; a connection at <c>metadata.ResourceId</c> when
/// that is an ARM id, else at its <c>target</c> URL, with its category as label. Nothing to point at, no edge.
/// </summary>
public static class GroundingLink
{
    /// <summary>The edge of <paramref name="resource"/>, or null when it is not a connection or datastore or names no target.</summary>
    public static GraphEdge? Of(AiResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Family switch
        {
            AiResourceFamily.MachineLearningDatastore => Datastore(resource),
            AiResourceFamily.CognitiveServicesConnection or AiResourceFamily.MachineLearningConnection => Connection(resource),
            _ => null,
        };
    }

    private static GraphEdge? Datastore(AiResource datastore)
    {
        if (datastore.PropertyString("accountName") is not { Length: > 0 } account)
        {
            return null;
        }

        var type = datastore.PropertyString("datastoreType") ?? "datastore";
        var (service, part) = type.ToUpperInvariant() switch
        {
            "AZUREDATALAKEGEN2" => ("dfs", datastore.PropertyString("filesystem")),
            "AZUREFILE" => ("file", datastore.PropertyString("fileShareName")),
            _ => ("blob", datastore.PropertyString("containerName")),
        };
        var target = datastore.PropertyString("subscriptionId") is { Length: > 0 } subscription && datastore.PropertyString("resourceGroup") is { Length: > 0 } group
            ? $"/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Storage/storageAccounts/{account}"
            : $"https://{account}.{service}.{datastore.PropertyString("endpoint") ?? "core.windows.net"}";
        var credentials = datastore.PropertyString("credentials.credentialsType") ?? "unknown";
        return new GraphEdge(datastore.Id, EdgeRelations.GroundedOn, target, part,
            $"{type} datastore on {account}{(part is null ? string.Empty : "/" + part)}, credentials {credentials}");
    }

    private static GraphEdge? Connection(AiResource connection)
    {
        var resourceId = connection.PropertyString("metadata.ResourceId");
        var url = connection.PropertyString("target");
        var target = resourceId is { Length: > 0 } && resourceId.StartsWith("/subscriptions/", StringComparison.OrdinalIgnoreCase) ? resourceId
            : url is { Length: > 0 } && Uri.TryCreate(url, UriKind.Absolute, out _) ? url
            : null;
        if (target is null)
        {
            return null;
        }

        var category = connection.PropertyString("category");
        return new GraphEdge(connection.Id, EdgeRelations.GroundedOn, target, category,
            $"{category ?? "connection"} to {url ?? target}, authType {connection.PropertyString("authType") ?? "unknown"}");
    }
}
