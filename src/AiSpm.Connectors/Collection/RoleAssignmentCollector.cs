using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.Access;
using Azure;

namespace AiSpm.Connectors.Collection;

/// <summary>
/// Reads the Azure role assignments of the principals the graph cares about (the managed identities AI resources run
/// as) in one Resource Graph query of <c>authorizationresources</c> per scan (batches of
/// <see cref="ResourceGraphClient.MaxSubscriptionsPerQuery"/> subscriptions, plus pages), as <c>role-on</c> edges.
/// A row without the documented properties is skipped and counted; a role that is not a known built-in one keeps its
/// definition id as the label; a refused query is a coverage note, never an error.
/// </summary>
public sealed class RoleAssignmentCollector(ArmConnection arm)
{
    /// <summary>The query: role assignments only, their documented properties.</summary>
    public const string Query = "authorizationresources | where type =~ 'microsoft.authorization/roleassignments' | project id, properties";

    /// <summary>The role-on edges of <paramref name="principalIds"/> within <paramref name="subscriptions"/>.</summary>
    public async Task<RoleAssignmentCollection> CollectAsync(IReadOnlyList<string> subscriptions, IReadOnlySet<string> principalIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        ArgumentNullException.ThrowIfNull(principalIds);
        var edges = new List<GraphEdge>();
        var errors = new List<CollectionError>();
        var skipped = 0;
        if (subscriptions.Count == 0 || principalIds.Count == 0)
        {
            return new RoleAssignmentCollection(edges, errors, skipped);
        }

        var client = new ResourceGraphClient(arm);
        foreach (var batch in subscriptions.Chunk(ResourceGraphClient.MaxSubscriptionsPerQuery))
        {
            try
            {
                await foreach (var row in client.QueryAsync(batch, Query, cancellationToken).ConfigureAwait(false))
                {
                    if (RoleAssignmentEdges.Read(row, principalIds, out var malformed) is { } edge)
                    {
                        edges.Add(edge);
                    }
                    else if (malformed)
                    {
                        skipped++;
                    }
                }
            }
            catch (Exception ex) when (ex is RequestFailedException or HttpRequestException or JsonException)
            {
                errors.Add(new CollectionError($"subscriptions {batch[0]}…({batch.Length})", "resourcegraph:authorizationresources", (ex as RequestFailedException)?.Status ?? 0, ex.Message.Split('\n')[0]));
            }
        }

        return new RoleAssignmentCollection(edges, errors, skipped);
    }
}
