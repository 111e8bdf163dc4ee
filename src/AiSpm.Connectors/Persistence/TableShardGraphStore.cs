using System.IO.Compression;
using System.Text.Json;
using AiSpm.Core.Assets;
using AiSpm.Core.Findings;
using AiSpm.Core.Graph;
using AiSpm.Core.Ports;
using Azure.Data.Tables;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// <see cref="IShardGraphStore"/> on Table storage: PartitionKey = the run's id; each shard's part is compact JSON,
/// gzipped, cut into binary properties of <see cref="ChunkBytes"/> bytes over rows <c>{shard:D5}.{n:D4}</c>, then
/// a row <c>{shard:D5}</c> saying how many rows the part has and which write they belong to. That row is written last,
/// so a part is read only when it was written whole, and a shard's activity that ran twice never mixes its writes.
/// A run's close reads its parts in one partition query.
/// </summary>
public sealed class TableShardGraphStore : IShardGraphStore
{
    /// <summary>The bytes in one binary property (the Table service takes at most 64 KiB).</summary>
    internal const int ChunkBytes = 60 * 1024;

    /// <summary>Binary properties per row (eight of them stay well under the 1 MiB an entity may hold).</summary>
    internal const int ChunksPerRow = 8;

    private const int FormatVersion = 1;

    /// <summary>How a part's findings are written: as <see cref="Finding"/> reads and writes itself.</summary>
    private static readonly JsonSerializerOptions FindingsJson = new(JsonSerializerDefaults.General);

    private readonly TableClient _table;

    /// <summary>Creates the store over the shard graphs table (<see cref="AiSpmTables.ShardGraphs"/>).</summary>
    public TableShardGraphStore(TableClient table) => _table = table;

    /// <inheritdoc />
    public async Task WriteAsync(string runId, int shardIndex, ShardGraph graph, DateTimeOffset seenAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(shardIndex);
        ArgumentNullException.ThrowIfNull(graph);
        var payload = Encode(graph);
        var write = Guid.NewGuid().ToString("N");
        var shard = ShardKey(shardIndex);
        var rows = new List<TableEntity>();
        for (var offset = 0; offset < payload.Length || rows.Count == 0; offset += ChunkBytes * ChunksPerRow)
        {
            var row = new TableEntity(runId, $"{shard}.{rows.Count:D4}") { ["Write"] = write };
            for (var chunk = 0; chunk < ChunksPerRow && offset + (chunk * ChunkBytes) < payload.Length; chunk++)
            {
                var start = offset + (chunk * ChunkBytes);
                row[$"P{chunk}"] = payload.AsSpan(start, Math.Min(ChunkBytes, payload.Length - start)).ToArray();
            }

            rows.Add(row);
        }

        await Parallel.ForEachAsync(rows, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (row, ct) => await _table.UpsertEntityAsync(row, TableUpdateMode.Replace, ct).ConfigureAwait(false)).ConfigureAwait(false);
        await _table.UpsertEntityAsync(new TableEntity(runId, shard)
        {
            ["Write"] = write,
            ["Rows"] = rows.Count,
            ["Bytes"] = payload.Length,
            ["SeenAt"] = seenAt,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ShardGraph>?> ReadAsync(string runId, int shards, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentOutOfRangeException.ThrowIfNegative(shards);
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {runId}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            rows[row.RowKey] = row;
        }

        var graphs = new List<ShardGraph>(shards);
        for (var index = 0; index < shards; index++)
        {
            var shard = ShardKey(index);
            if (!rows.TryGetValue(shard, out var head) || head.GetString("Write") is not { } write || head.GetInt32("Rows") is not { } count || count < 1
                || head.GetInt32("Bytes") is not { } bytes || bytes < 0 || head.GetDateTimeOffset("SeenAt") is not { } seenAt)
            {
                return null; // not written, or not written whole
            }

            var payload = new byte[bytes];
            var filled = 0;
            for (var r = 0; r < count; r++)
            {
                if (!rows.TryGetValue($"{shard}.{r:D4}", out var row) || row.GetString("Write") != write)
                {
                    return null; // a row missing, or left by another attempt: not written whole
                }

                for (var chunk = 0; chunk < ChunksPerRow && row.GetBinary($"P{chunk}") is { } part; chunk++)
                {
                    if (filled + part.Length > payload.Length)
                    {
                        return null;
                    }

                    part.CopyTo(payload, filled);
                    filled += part.Length;
                }
            }

            if (filled != payload.Length || Decode(payload, seenAt) is not { } graph)
            {
                return null;
            }

            graphs.Add(graph);
        }

        return graphs;
    }

    /// <inheritdoc />
    public async Task<int> RemoveOthersAsync(string runId, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var keys = await _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey ne {runId} and Timestamp lt {before}"), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken)
            .Select(row => (row.PartitionKey, row.RowKey)).ToListAsync(cancellationToken).ConfigureAwait(false);
        await _table.DeleteRowsAsync(keys, cancellationToken).ConfigureAwait(false);
        return keys.Count;
    }

    private static string ShardKey(int index) => index.ToString("D5", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// The part as <c>{"v":1,"nodes":[[id,class,type,name,kind,location],…],"edges":[[from,relation,to,label,evidence],…]}</c>,
    /// with <c>"access":{"rolesComplete":true|false}</c> on the access shard's part, and, when the shard handed them,
    /// <c>"findings":[{finding},…]</c> and <c>"kept":[[ruleId,resourceId,subKey],…]</c>, gzipped. A reader that predates
    /// the findings sees a part without them.
    /// </summary>
    internal static byte[] Encode(ShardGraph graph)
    {
        using var buffer = new MemoryStream();
        using (var zip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var json = new Utf8JsonWriter(zip))
        {
            json.WriteStartObject();
            json.WriteNumber("v", FormatVersion);
            json.WriteStartArray("nodes");
            foreach (var node in graph.Nodes)
            {
                json.WriteStartArray();
                json.WriteStringValue(node.ResourceId);
                json.WriteStringValue(AssetClassNames.Of(node.Class));
                json.WriteStringValue(node.Type);
                json.WriteStringValue(node.Name);
                json.WriteStringValue(node.Kind);
                json.WriteStringValue(node.Location);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteStartArray("edges");
            foreach (var edge in graph.Edges)
            {
                json.WriteStartArray();
                json.WriteStringValue(edge.From);
                json.WriteStringValue(edge.Relation);
                json.WriteStringValue(edge.To);
                json.WriteStringValue(edge.Label);
                json.WriteStringValue(edge.Evidence);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            if (graph.Access is { } access)
            {
                json.WriteStartObject("access");
                json.WriteBoolean("rolesComplete", access.RolesComplete);
                json.WriteEndObject();
            }

            if (graph.OpenFindings is { } findings && graph.OpenKept is { } kept)
            {
                json.WritePropertyName("findings");
                JsonSerializer.Serialize(json, findings, FindingsJson);
                json.WriteStartArray("kept");
                foreach (var key in kept)
                {
                    json.WriteStartArray();
                    json.WriteStringValue(key.RuleId);
                    json.WriteStringValue(key.ResourceId);
                    json.WriteStringValue(key.SubKey);
                    json.WriteEndArray();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The part <paramref name="payload"/> holds, or null when it is not one this version wrote.</summary>
    internal static ShardGraph? Decode(byte[] payload, DateTimeOffset seenAt)
    {
        try
        {
            using var zip = new GZipStream(new MemoryStream(payload), CompressionMode.Decompress);
            using var document = JsonDocument.Parse(zip);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("v", out var version) || version.ValueKind != JsonValueKind.Number || version.GetInt32() != FormatVersion
                || !root.TryGetProperty("nodes", out var nodes) || nodes.ValueKind != JsonValueKind.Array || !root.TryGetProperty("edges", out var edges) || edges.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var assets = new List<Asset>(nodes.GetArrayLength());
            foreach (var node in nodes.EnumerateArray())
            {
                if (node.ValueKind != JsonValueKind.Array || node.GetArrayLength() != 6 || node[0].GetString() is not { Length: > 0 } id)
                {
                    return null;
                }

                assets.Add(new Asset
                {
                    ResourceId = id,
                    Class = AssetClassNames.TryParse(node[1].GetString(), out var assetClass) ? assetClass : AssetClass.AiResource,
                    Type = node[2].GetString() ?? string.Empty,
                    Name = node[3].GetString() ?? string.Empty,
                    Kind = node[4].GetString(),
                    Location = node[5].GetString(),
                    LastSeen = seenAt,
                });
            }

            var links = new List<GraphEdge>(edges.GetArrayLength());
            foreach (var edge in edges.EnumerateArray())
            {
                if (edge.ValueKind != JsonValueKind.Array || edge.GetArrayLength() != 5
                    || edge[0].GetString() is not { Length: > 0 } from || edge[1].GetString() is not { Length: > 0 } relation || edge[2].GetString() is not { Length: > 0 } to)
                {
                    return null;
                }

                links.Add(new GraphEdge(from, relation, to, edge[3].GetString(), edge[4].GetString() ?? string.Empty));
            }

            ShardGraphAccess? marked = null;
            if (root.TryGetProperty("access", out var access))
            {
                if (access.ValueKind != JsonValueKind.Object || !access.TryGetProperty("rolesComplete", out var complete) || complete.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return null;
                }

                marked = new ShardGraphAccess(complete.GetBoolean());
            }

            List<Finding>? openFindings = null;
            List<FindingKey>? openKept = null;
            if (root.TryGetProperty("findings", out var findings) && root.TryGetProperty("kept", out var kept))
            {
                if (findings.ValueKind != JsonValueKind.Array || kept.ValueKind != JsonValueKind.Array)
                {
                    return null;
                }

                openFindings = findings.Deserialize<List<Finding>>(FindingsJson);
                if (openFindings is null || openFindings.Any(f => f?.Key is null))
                {
                    return null;
                }

                openKept = new List<FindingKey>(kept.GetArrayLength());
                foreach (var key in kept.EnumerateArray())
                {
                    if (key.ValueKind != JsonValueKind.Array || key.GetArrayLength() != 3
                        || key[0].GetString() is not { Length: > 0 } ruleId || key[1].GetString() is not { Length: > 0 } resourceId)
                    {
                        return null;
                    }

                    openKept.Add(new FindingKey(ruleId, resourceId, key[2].GetString()));
                }
            }

            return new ShardGraph(assets, links) { Access = marked, OpenFindings = openFindings, OpenKept = openKept };
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }
}
