using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AiSpm.Connectors.Persistence;
using AiSpm.Connectors.Storage;
using Azure.Data.Tables;

namespace AiSpm.Bench.Storage;

/// <summary>
/// Entities per second for the three ways AiSpm can write rows: one upsert per request, transactional batches
/// one after another, and batches of several partitions in parallel, through the Azure.Data.Tables clients AiSpm uses
/// (built by <see cref="StorageClientFactory"/>). Rows look like findings.
/// </summary>
internal sealed class StorageThroughputBenchmark(StorageClients storage, int entities, int partitions, int parallelism)
{
    public async Task<IReadOnlyList<StorageFigure>> RunAsync(CancellationToken cancellationToken)
    {
        var figures = new List<StorageFigure>();
        var singles = Math.Min(entities, 2_000);
        figures.Add(await MeasureAsync("single upserts", singles, async (table, rows) =>
        {
            foreach (var row in rows)
            {
                await table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false));
        figures.Add(await MeasureAsync("batches, sequential", entities, (table, rows) =>
            table.SubmitInBatchesAsync(rows.Select(Upsert), 1, cancellationToken), cancellationToken).ConfigureAwait(false));
        figures.Add(await MeasureAsync($"batches, {parallelism} partitions in parallel", entities, (table, rows) =>
            table.SubmitInBatchesAsync(rows.Select(Upsert), parallelism, cancellationToken), cancellationToken).ConfigureAwait(false));
        figures.AddRange(await MeasureReadAsync(entities, cancellationToken).ConfigureAwait(false));
        return figures;
    }

    private async Task<StorageFigure> MeasureAsync(string name, int count, Func<TableClient, IReadOnlyList<TableEntity>, Task> write, CancellationToken cancellationToken)
    {
        var table = storage.Table("bench" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        var rows = Rows(count);

        // The same write on a few rows of a table of their own first, so the path is not measured with its code not yet compiled.
        var warmUp = storage.Table("bench" + Guid.NewGuid().ToString("N")[..12]);
        await warmUp.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await write(warmUp, Rows(Math.Min(count, 200))).ConfigureAwait(false);
        await warmUp.DeleteAsync(cancellationToken).ConfigureAwait(false);
        var watch = Stopwatch.StartNew();
        await write(table, rows).ConfigureAwait(false);
        watch.Stop();
        await table.DeleteAsync(cancellationToken).ConfigureAwait(false);
        return new StorageFigure(name, count, watch.Elapsed.TotalSeconds, count / watch.Elapsed.TotalSeconds);
    }

    private async Task<IReadOnlyList<StorageFigure>> MeasureReadAsync(int count, CancellationToken cancellationToken)
    {
        var table = storage.Table("bench" + Guid.NewGuid().ToString("N")[..12]);
        await table.CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        await table.SubmitInBatchesAsync(Rows(count).Select(Upsert), parallelism, cancellationToken).ConfigureAwait(false);

        // 17 ranges of partitions, as TableKeyRanges.BySubscription splits resource ids.
        IReadOnlyList<string> boundaries = [.. Enumerable.Range(1, 16).Select(k => $"sub-{k * partitions / 17:D4}")];
        var whole = () => table.QueryAsync<TableEntity>(cancellationToken: cancellationToken);
        var ranges = () => table.QueryByRangesAsync<TableEntity>(null, boundaries, cancellationToken: cancellationToken);

        // One page of each first, so neither path is measured with its code not yet compiled.
        await whole().FirstAsync(cancellationToken).ConfigureAwait(false);
        await ranges().FirstAsync(cancellationToken).ConfigureAwait(false);
        var figures = new List<StorageFigure>
        {
            await MeasureQueryAsync("query read-back (1,000-row pages)", whole).ConfigureAwait(false),
            await MeasureQueryAsync("query read-back in 17 key ranges, one after another", ranges).ConfigureAwait(false),
        };
        await table.DeleteAsync(cancellationToken).ConfigureAwait(false);
        return figures;
    }

    private static async Task<StorageFigure> MeasureQueryAsync(string name, Func<IAsyncEnumerable<TableEntity>> query)
    {
        var watch = Stopwatch.StartNew();
        var read = 0;
        await foreach (var _ in query().ConfigureAwait(false))
        {
            read++;
        }

        watch.Stop();
        return new StorageFigure(name, read, watch.Elapsed.TotalSeconds, read / watch.Elapsed.TotalSeconds);
    }

    private static TableTransactionAction Upsert(TableEntity row) => new(TableTransactionActionType.UpsertMerge, row);

    private List<TableEntity> Rows(int count) => Enumerable.Range(0, count).Select(i => new TableEntity($"sub-{i % partitions:D4}", $"{i:x32}")
    {
        ["RuleId"] = $"AISPM-NET-{i % 40:D3}",
        ["ResourceId"] = $"/subscriptions/{i % partitions:D8}-0000-0000-0000-000000000000/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/acct{i}",
        ["Severity"] = "High",
        ["SeverityRank"] = 3,
        ["Title"] = "Public network access is enabled on an AI account",
        ["Status"] = "Open",
        ["LastSeen"] = DateTimeOffset.UtcNow,
        ["LastScanId"] = "bench",
    }).ToList();

    public static string ToMarkdown(IReadOnlyList<StorageFigure> figures, string machine, IReadOnlyList<StorageFigure>? baseline = null, string? baselineLabel = null)
    {
        var sb = new StringBuilder();
        sb.AppendLine(CultureInfo.InvariantCulture, $"Storage throughput against Azurite (in memory) on {machine}, {DateTimeOffset.UtcNow:yyyy-MM-dd}, through Azure.Data.Tables.");
        sb.AppendLine();
        if (baseline is null)
        {
            sb.AppendLine("| write path | entities | seconds | entities/s |");
            sb.AppendLine("|---|---:|---:|---:|");
            foreach (var f in figures)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {f.Name} | {f.Entities:N0} | {f.Seconds:F2} | {f.PerSecond:N0} |");
            }

            return sb.ToString();
        }

        sb.AppendLine(CultureInfo.InvariantCulture, $"Beside {baselineLabel ?? "the baseline"}, measured on the same machine just before.");
        sb.AppendLine();
        sb.AppendLine("| path | entities | SDK entities/s | baseline entities/s | SDK / baseline |");
        sb.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var f in figures)
        {
            var b = baseline.FirstOrDefault(x => x.Name == f.Name);
            var line = b is null
                ? string.Create(CultureInfo.InvariantCulture, $"| {f.Name} | {f.Entities:N0} | {f.PerSecond:N0} | — | — |")
                : string.Create(CultureInfo.InvariantCulture, $"| {f.Name} | {f.Entities:N0} | {f.PerSecond:N0} | {b.PerSecond:N0} | {f.PerSecond / b.PerSecond:F2}× |");
            sb.AppendLine(line);
        }

        return sb.ToString();
    }

    public static IReadOnlyList<StorageFigure> FromJson(string json) => JsonSerializer.Deserialize<List<StorageFigure>>(json) ?? [];

    public static string ToJson(IReadOnlyList<StorageFigure> figures) => JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true });
}

/// <summary>One measured figure.</summary>
internal sealed record StorageFigure(string Name, int Entities, double Seconds, double PerSecond);
