using System.Collections.Concurrent;
using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Core.Inventory.AzureAi;
using Azure;

namespace AiSpm.Bench.Scale;

/// <summary>
/// A comparison tool, not product code: collects the same Azure AI inventory the way per-subscription scanners
/// usually do. It lists the subscriptions; lists every AI resource type in every subscription
/// (<c>GET /subscriptions/{s}/providers/{ns}/{type}</c>, following <c>nextLink</c>); GETs each resource by id; and
/// lists each resource's child collections (all of them, whatever its kind) and its diagnostic settings.
/// Work items run <paramref name="parallelism"/> at a time, like AiSpm's per-resource reads.
/// </summary>
internal sealed class BaselineCollector(ArmConnection connection, int parallelism)
{
    private static readonly (string Type, string ApiVersion, string[] Children)[] Types =
    [
        ("Microsoft.CognitiveServices/accounts", "2024-10-01", ["deployments", "raiPolicies", "projects", "connections"]),
        ("Microsoft.MachineLearningServices/workspaces", "2024-10-01", ["computes", "onlineEndpoints", "connections", "datastores"]),
        ("Microsoft.Search/searchServices", "2023-11-01", []),
        ("Microsoft.BotService/botServices", "2022-09-15", []),
    ];

    private readonly ArmRestClient _arm = new(connection);

    public sealed record Result(AiInventory Inventory, int Errors);

    /// <summary>Collects every subscription, or only the first <paramref name="maxSubscriptions"/> (used to warm up).</summary>
    public async Task<Result> CollectAsync(int? maxSubscriptions, CancellationToken cancellationToken)
    {
        var subscriptions = new List<string>();
        await foreach (var subscription in _arm.ListAsync("subscriptions", "2022-12-01", cancellationToken).ConfigureAwait(false))
        {
            subscriptions.Add(subscription.GetProperty("subscriptionId").GetString()!);
        }

        if (maxSubscriptions is { } max && subscriptions.Count > max)
        {
            subscriptions.RemoveRange(max, subscriptions.Count - max);
        }

        var errors = 0;
        var listed = new ConcurrentBag<(string Id, int TypeIndex)>();
        var work = subscriptions.SelectMany(s => Enumerable.Range(0, Types.Length).Select(t => (Subscription: s, TypeIndex: t)));
        var options = new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(work, options, async (item, ct) =>
        {
            var (type, apiVersion, _) = Types[item.TypeIndex];
            try
            {
                await foreach (var resource in _arm.ListAsync($"subscriptions/{item.Subscription}/providers/{type}", apiVersion, ct).ConfigureAwait(false))
                {
                    listed.Add((resource.GetProperty("id").GetString()!, item.TypeIndex));
                }
            }
            catch (RequestFailedException)
            {
                Interlocked.Increment(ref errors);
            }
        }).ConfigureAwait(false);

        var collected = new ConcurrentBag<JsonElement>();
        await Parallel.ForEachAsync(listed, options, async (item, ct) =>
        {
            var (_, apiVersion, children) = Types[item.TypeIndex];
            try
            {
                collected.Add(await _arm.GetAsync(item.Id, apiVersion, ct).ConfigureAwait(false));
                foreach (var child in children)
                {
                    await foreach (var resource in _arm.ListAsync($"{item.Id}/{child}", apiVersion, ct).ConfigureAwait(false))
                    {
                        collected.Add(resource);
                    }
                }

                await foreach (var setting in _arm.ListAsync($"{item.Id}/providers/Microsoft.Insights/diagnosticSettings", "2021-05-01-preview", ct).ConfigureAwait(false))
                {
                    collected.Add(setting);
                }
            }
            catch (Exception ex) when (ex is RequestFailedException or JsonException)
            {
                Interlocked.Increment(ref errors);
            }
        }).ConfigureAwait(false);

        var builder = new AiInventoryBuilder();
        foreach (var element in collected)
        {
            builder.Add(element, "arm");
        }

        return new Result(builder.Build(), errors);
    }
}
