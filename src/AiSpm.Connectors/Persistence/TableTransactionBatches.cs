using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// Submits any number of table writes as entity-group transactions the Table service accepts: one partition per
/// transaction, at most 100 actions, at most 4 MiB of payload, and no entity twice in one transaction.
/// </summary>
public static class TableTransactionBatches
{
    /// <summary>Most actions in one transaction.</summary>
    public const int MaxActions = 100;

    /// <summary>Largest transaction payload, with room left for multipart framing.</summary>
    public const int MaxPayloadBytes = (4 * 1024 * 1024) - (64 * 1024);

    /// <summary>Bytes of multipart framing and request line counted per action (an upper bound).</summary>
    internal const int PerActionOverhead = 512;

    /// <summary>Splits <paramref name="actions"/> into valid transactions, in input order within each partition.</summary>
    /// <exception cref="ArgumentException">One entity alone is larger than a transaction may carry.</exception>
    public static IReadOnlyList<IReadOnlyList<TableTransactionAction>> Plan(IEnumerable<TableTransactionAction> actions, Func<TableTransactionAction, int>? sizeOf = null)
    {
        ArgumentNullException.ThrowIfNull(actions);
        sizeOf ??= EstimateSize;
        var batches = new List<IReadOnlyList<TableTransactionAction>>();
        foreach (var partition in actions.GroupBy(a => a.Entity.PartitionKey, StringComparer.Ordinal))
        {
            var current = new List<TableTransactionAction>();
            var rows = new HashSet<string>(StringComparer.Ordinal);
            var bytes = 0;
            foreach (var action in partition)
            {
                var size = sizeOf(action);
                if (size > MaxPayloadBytes)
                {
                    throw new ArgumentException($"Entity ({action.Entity.PartitionKey}, {action.Entity.RowKey}) is about {size} bytes, larger than a transaction may carry.", nameof(actions));
                }

                if (current.Count == MaxActions || bytes + size > MaxPayloadBytes || rows.Contains(action.Entity.RowKey))
                {
                    batches.Add(current);
                    current = [];
                    rows.Clear();
                    bytes = 0;
                }

                current.Add(action);
                rows.Add(action.Entity.RowKey);
                bytes += size;
            }

            if (current.Count > 0)
            {
                batches.Add(current);
            }
        }

        return batches;
    }

    /// <summary>
    /// Plans <paramref name="actions"/> (<see cref="Plan"/>) and submits the transactions, up to
    /// <paramref name="maxParallelism"/> partitions at a time; the transactions of one partition keep their order,
    /// unless <paramref name="unorderedWithinPartition"/> says the actions touch distinct rows and need no order (then
    /// up to <paramref name="maxParallelism"/> transactions of one partition run at once too). Returns the number of
    /// transactions sent.
    /// </summary>
    /// <exception cref="TableTransactionFailedException">A transaction failed; earlier ones stay committed.</exception>
    public static async Task<int> SubmitInBatchesAsync(this TableClient table, IEnumerable<TableTransactionAction> actions, int maxParallelism = 8, CancellationToken cancellationToken = default, bool unorderedWithinPartition = false)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallelism, 1);
        var batches = Plan(actions);
        if (unorderedWithinPartition)
        {
            await Parallel.ForEachAsync(
                batches,
                new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken },
                async (batch, ct) => await table.SubmitTransactionAsync(batch, ct).ConfigureAwait(false)).ConfigureAwait(false);
            return batches.Count;
        }

        var byPartition = batches.GroupBy(b => b[0].Entity.PartitionKey, StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(
            byPartition,
            new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken },
            async (partition, ct) =>
            {
                foreach (var batch in partition)
                {
                    await table.SubmitTransactionAsync(batch, ct).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
        return batches.Count;
    }

    /// <summary>
    /// Deletes rows by key, <paramref name="maxParallelism"/> at a time, whatever their ETag; a row already gone is no
    /// error. One request per row: a transaction would fail whole on one missing row.
    /// </summary>
    public static async Task DeleteRowsAsync(this TableClient table, IEnumerable<(string PartitionKey, string RowKey)> keys, CancellationToken cancellationToken = default, int maxParallelism = 8)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(keys);
        await Parallel.ForEachAsync(
            keys.Distinct(),
            new ParallelOptions { MaxDegreeOfParallelism = maxParallelism, CancellationToken = cancellationToken },
            async (key, ct) => await table.DeleteEntityAsync(key.PartitionKey, key.RowKey, Azure.ETag.All, ct).ConfigureAwait(false)).ConfigureAwait(false);
    }

    /// <summary>
    /// An upper bound of an action's JSON size: property names and values as the SDK's JSON writer emits them
    /// (non-ASCII and HTML-sensitive characters escaped as six-byte <c>\uXXXX</c>), plus framing.
    /// </summary>
    internal static int EstimateSize(TableTransactionAction action)
    {
        var size = PerActionOverhead + JsonLength(action.Entity.PartitionKey) + JsonLength(action.Entity.RowKey);
        if (action.ActionType == TableTransactionActionType.Delete || action.Entity is not IDictionary<string, object> properties)
        {
            return size;
        }

        foreach (var (name, value) in properties)
        {
            size += JsonLength(name) + 64 + value switch
            {
                string s => JsonLength(s),
                byte[] b => ((b.Length + 2) / 3 * 4) + 2,
                _ => 40,
            };
        }

        return size;
    }

    private static int JsonLength(string value)
    {
        var length = 2;
        foreach (var c in value)
        {
            length += c is >= ' ' and < (char)0x7F and not ('"' or '\\' or '<' or '>' or '&' or '\'' or '+' or '`') ? 1 : 6;
        }

        return length;
    }
}
