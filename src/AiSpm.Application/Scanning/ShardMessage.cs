using System.Text.Json;
using System.Text.Json.Serialization;
using AiSpm.Core.Scans;

namespace AiSpm.Application.Scanning;

/// <summary>
/// The queue message of one shard: a JSON object (the Functions host hands queue data to handlers as JSON, and may
/// encode a string body twice; <see cref="Parse"/> accepts both).
/// </summary>
public static class ShardMessage
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>The message text of a shard.</summary>
    public static string Serialize(ScanShard shard) => JsonSerializer.Serialize(new Body(shard.RunId, shard.Index, shard.Kind, shard.Subscriptions, shard.ResourceId), Options);

    /// <summary>Reads a shard from a message body: a JSON object, or a JSON string that holds one.</summary>
    /// <exception cref="FormatException">The body is not a shard message; the message says which field is wrong.</exception>
    public static ScanShard Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String)
            {
                return Parse(root.GetString()!);
            }

            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"A shard message must be a JSON object, not {root.ValueKind}.");
            }

            var body = root.Deserialize<Body>(Options) ?? throw new FormatException("A shard message must be a JSON object.");
            if (string.IsNullOrWhiteSpace(body.RunId))
            {
                throw new FormatException("The shard message has no 'runId'.");
            }

            if (body.Index < 0)
            {
                throw new FormatException($"The shard message's 'index' must be 0 or more, not {body.Index}.");
            }

            if (body.Kind == ScanShardKind.AzureSubscriptions && (body.Subscriptions is null || body.Subscriptions.Count == 0))
            {
                throw new FormatException("An azureSubscriptions shard needs a non-empty 'subscriptions' array.");
            }

            if (body.Kind == ScanShardKind.AzureResource && string.IsNullOrWhiteSpace(body.ResourceId))
            {
                throw new FormatException("An azureResource shard needs a 'resourceId'.");
            }

            return new ScanShard(body.RunId, body.Index, body.Kind, body.Subscriptions ?? [], body.ResourceId);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The shard message is not valid JSON or has a field of the wrong type ({ex.Path ?? "$"}): {ex.Message.Split('.')[0]}.", ex);
        }
    }

    private sealed record Body(string RunId, int Index, ScanShardKind Kind, IReadOnlyList<string>? Subscriptions, string? ResourceId);
}
