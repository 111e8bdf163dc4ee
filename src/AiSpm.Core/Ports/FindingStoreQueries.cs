using System.Runtime.CompilerServices;
using AiSpm.Core.Findings;

namespace AiSpm.Core.Ports;

/// <summary>Reads every page of a findings query.</summary>
public static class FindingStoreQueries
{
    /// <summary>
    /// Streams every finding matching <paramref name="query"/>, following continuation tokens (1,000 per page unless the
    /// query says); more <see cref="FindingQuery.RuleIds"/> than one query may carry are asked for in turn.
    /// </summary>
    public static async IAsyncEnumerable<StoredFinding> QueryAllAsync(this IFindingStore store, FindingQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(query);
        if (query.RuleIds is { Count: > FindingQuery.MaxRuleIds } ruleIds)
        {
            foreach (var chunk in ruleIds.Distinct(StringComparer.Ordinal).Chunk(FindingQuery.MaxRuleIds))
            {
                await foreach (var finding in store.QueryAllAsync(query with { RuleIds = chunk }, cancellationToken).ConfigureAwait(false))
                {
                    yield return finding;
                }
            }

            yield break;
        }

        var next = query with { ContinuationToken = null, PageSize = query.PageSize == new FindingQuery().PageSize ? 1000 : query.PageSize };
        do
        {
            var page = await store.QueryAsync(next, cancellationToken).ConfigureAwait(false);
            foreach (var finding in page.Findings)
            {
                yield return finding;
            }

            next = next with { ContinuationToken = page.ContinuationToken };
        }
        while (next.ContinuationToken is not null);
    }
}
