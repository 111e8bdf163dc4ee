using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.Access;
using AiSpm.Core.Inventory.Threats;
using Azure;

namespace AiSpm.Connectors.Collection;

/// <summary>
/// Reads graph edges from Resource Graph tables that are not resources, once per scan: role assignments
/// (<c>authorizationresources</c>: the identities AI resources run as, and whoever holds a role on an AI resource) and Defender for Cloud AI alerts
/// (<c>securityresources</c>). One query per table and batch of <see cref="ResourceGraphClient.MaxSubscriptionsPerQuery"/>
/// subscriptions, plus its pages. A row without the documented properties is skipped and counted; a refused query is
/// a coverage note, never an error.
/// </summary>
public sealed class ResourceGraphEdgeCollector(ArmConnection arm)
{
    /// <summary>The <c>role-on</c> edges within <paramref name="subscriptions"/> that <paramref name="selection"/> keeps.</summary>
    public Task<EdgeCollection> RoleAssignmentsAsync(IReadOnlyList<string> subscriptions, RoleAssignmentSelection selection, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(selection);
        return selection.IsEmpty
            ? Task.FromResult(EdgeCollection.Empty)
            : CollectAsync("resourcegraph:authorizationresources", RoleAssignmentEdges.Query, subscriptions, row => (RoleAssignmentEdges.Read(row, selection, out var malformed), malformed), cancellationToken);
    }

    /// <summary>The <c>alert</c> edges of active Defender for Cloud AI alerts within <paramref name="subscriptions"/>.</summary>
    public Task<EdgeCollection> AiAlertsAsync(IReadOnlyList<string> subscriptions, CancellationToken cancellationToken = default) =>
        CollectAsync("resourcegraph:securityresources", DefenderAlertEdges.Query, subscriptions, row => (DefenderAlertEdges.Read(row, out var malformed), malformed), cancellationToken);

    private async Task<EdgeCollection> CollectAsync(string operation, string query, IReadOnlyList<string> subscriptions, Func<JsonElement, (GraphEdge? Edge, bool Malformed)> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        var edges = new List<GraphEdge>();
        var errors = new List<CollectionError>();
        var skipped = 0;
        var client = new ResourceGraphClient(arm);
        foreach (var batch in subscriptions.Chunk(ResourceGraphClient.MaxSubscriptionsPerQuery))
        {
            try
            {
                await foreach (var row in client.QueryAsync(batch, query, cancellationToken).ConfigureAwait(false))
                {
                    var (edge, malformed) = read(row);
                    if (edge is not null)
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
                errors.Add(new CollectionError($"subscriptions {batch[0]}…({batch.Length})", operation, (ex as RequestFailedException)?.Status ?? 0, ex.Message.Split('\n')[0]));
            }
        }

        return new EdgeCollection(edges, errors, skipped);
    }
}
