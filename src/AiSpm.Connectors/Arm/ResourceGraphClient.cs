using System.Buffers;
using System.Text.Json;
using Azure;
using Azure.Core;

namespace AiSpm.Connectors.Arm;

/// <summary>
/// Azure Resource Graph's query API (<c>POST /providers/Microsoft.ResourceGraph/resources</c>, api-version 2022-10-01):
/// one query over up to <see cref="MaxSubscriptionsPerQuery"/> subscriptions, 1,000 rows per page, following
/// <c>$skipToken</c>. The query must project <c>id</c> (paging needs it).
/// </summary>
public sealed class ResourceGraphClient(ArmConnection connection)
{
    /// <summary>Most subscriptions per query Microsoft recommends.</summary>
    public const int MaxSubscriptionsPerQuery = 300;

    /// <summary>Rows per page (the service maximum).</summary>
    public const int PageSize = 1000;

    private const string ApiVersion = "2022-10-01";

    /// <summary>Runs a query over a batch of subscriptions and streams every row (a clone of its JSON object) page by page.</summary>
    public async IAsyncEnumerable<JsonElement> QueryAsync(IReadOnlyList<string> subscriptions, string query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subscriptions);
        if (subscriptions.Count is 0 or > MaxSubscriptionsPerQuery)
        {
            throw new ArgumentException($"A query covers 1 to {MaxSubscriptionsPerQuery} subscriptions; got {subscriptions.Count}.", nameof(subscriptions));
        }

        string? skipToken = null;
        do
        {
            using var message = connection.Pipeline.CreateMessage();
            message.Request.Method = RequestMethod.Post;
            message.Request.Uri.Reset(new Uri(connection.Endpoint, $"providers/Microsoft.ResourceGraph/resources?api-version={ApiVersion}"));
            message.Request.Headers.SetValue("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(Body(subscriptions, query, skipToken));
            await connection.Pipeline.SendOrThrowAsync(message, cancellationToken).ConfigureAwait(false);
            var response = message.Response;

            using var document = await JsonDocument.ParseAsync(response.ContentStream!, cancellationToken: cancellationToken).ConfigureAwait(false);
            var root = document.RootElement;
            if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidDataException("Resource Graph answered without a 'data' array (was resultFormat objectArray honoured?).");
            }

            foreach (var row in data.EnumerateArray())
            {
                yield return row.Clone();
            }

            skipToken = root.TryGetProperty("$skipToken", out var token) && token.ValueKind == JsonValueKind.String ? token.GetString() : null;
            if (skipToken is null && root.TryGetProperty("resultTruncated", out var truncated) && string.Equals(truncated.ToString(), "true", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidDataException("Resource Graph truncated the result and gave no $skipToken: the query must project 'id'.");
            }
        }
        while (skipToken is not null);
    }

    private static byte[] Body(IReadOnlyList<string> subscriptions, string query, string? skipToken)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("subscriptions");
            foreach (var subscription in subscriptions)
            {
                writer.WriteStringValue(subscription);
            }

            writer.WriteEndArray();
            writer.WriteString("query", query);
            writer.WriteStartObject("options");
            writer.WriteNumber("$top", PageSize);
            if (skipToken is not null)
            {
                writer.WriteString("$skipToken", skipToken);
            }

            writer.WriteString("resultFormat", "objectArray");
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
