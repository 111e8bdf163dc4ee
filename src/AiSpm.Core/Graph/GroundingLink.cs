using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Graph;

/// <summary>
/// The <c>grounded-on</c> edge of a connection or datastore: what data it reads, from its documented properties. A
/// datastore points at its storage account (by ARM id when it names the subscription and resource group, else by its
/// endpoint host) with the container, file system or share as label; a connection at <c>metadata.ResourceId</c> when
/// that is an ARM id, else at its <c>target</c> URL, with its category as label; an AI Search data source at the
/// resource its connection string names (the storage account by name when that is all it says) with its container as
/// label, and an indexer at its data source with the index it fills as label. Nothing to point at, no edge.
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
            AiResourceFamily.SearchDataSource => DataSource(resource),
            AiResourceFamily.SearchIndexer => Indexer(resource),
            _ => null,
        };
    }

    /// <summary>
    /// The blob container <paramref name="resource"/> reads, when it names one: a datastore's <c>containerName</c>, a
    /// connection's <c>metadata.ContainerName</c>, a data source's <c>container.name</c>; null otherwise.
    /// </summary>
    public static string? ContainerOf(AiResource resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        return resource.Family switch
        {
            AiResourceFamily.MachineLearningDatastore when !string.Equals(resource.PropertyString("datastoreType"), "AzureFile", StringComparison.OrdinalIgnoreCase) =>
                resource.PropertyString("containerName") ?? resource.PropertyString("filesystem"),
            AiResourceFamily.CognitiveServicesConnection or AiResourceFamily.MachineLearningConnection => resource.PropertyString("metadata.ContainerName"),
            AiResourceFamily.SearchDataSource => resource.PropertyString("container.name"),
            _ => null,
        };
    }

    /// <summary>The storage account name a grounding target names: an ARM id's last segment, or the first label of a <c>*.blob.*</c>/<c>*.dfs.*</c> host.</summary>
    public static string? StorageAccountNameOf(string target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Contains("/providers/Microsoft.Storage/storageAccounts/", StringComparison.OrdinalIgnoreCase))
        {
            var top = ArmId.TopLevelOf(target);
            return top?[(top.LastIndexOf('/') + 1)..];
        }

        return Uri.TryCreate(target, UriKind.Absolute, out var uri) && (uri.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase) || uri.Host.Contains(".dfs.", StringComparison.OrdinalIgnoreCase))
            ? uri.Host[..uri.Host.IndexOf('.', StringComparison.Ordinal)]
            : null;
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

    private static GraphEdge? DataSource(AiResource dataSource)
    {
        var target = dataSource.PropertyString("credentials.resourceId") is { Length: > 0 } id ? id
            : dataSource.PropertyString("credentials.accountName") is { Length: > 0 } account ? $"https://{account}.blob.core.windows.net"
            : null;
        if (target is null)
        {
            return null;
        }

        var container = dataSource.PropertyString("container.name");
        return new GraphEdge(dataSource.Id, EdgeRelations.GroundedOn, target, container,
            $"{dataSource.PropertyString("type") ?? "search"} data source '{dataSource.Name}'{(container is null ? string.Empty : " on container " + container)}, credentials {dataSource.PropertyString("credentials.kind") ?? "unknown"}");
    }

    private static GraphEdge? Indexer(AiResource indexer)
    {
        if (indexer.ParentId is not { } service || indexer.PropertyString("dataSourceName") is not { Length: > 0 } dataSource)
        {
            return null;
        }

        var index = indexer.PropertyString("targetIndexName");
        return new GraphEdge(indexer.Id, EdgeRelations.GroundedOn, $"{service}/datasources/{dataSource}", index,
            $"indexer '{indexer.Name}' fills index '{index ?? "?"}' from data source '{dataSource}'{(indexer.PropertyBool("disabled") == true ? " (disabled)" : string.Empty)}");
    }
}
