using System.Text.Json;
using Azure.Messaging;
using Azure.Messaging.EventGrid;

namespace AiSpm.Application.Events;

/// <summary>One delivered event, whatever its schema: type, subject, id and its <c>data</c> as JSON.</summary>
public sealed record IncomingEvent(string Id, string EventType, string? Subject, JsonElement Data)
{
    /// <summary>
    /// Parses a delivery body: an Event Grid schema array or object, or a CloudEvents 1.0 object or batch — through
    /// Azure.Messaging.EventGrid's own parsers, so required fields are checked as the service defines them.
    /// </summary>
    /// <exception cref="FormatException">The body is neither schema; the message says why.</exception>
    public static IReadOnlyList<IncomingEvent> ParseMany(BinaryData body)
    {
        ArgumentNullException.ThrowIfNull(body);
        JsonElement root;
        try
        {
            root = JsonDocument.Parse(body.ToMemory()).RootElement;
        }
        catch (JsonException ex)
        {
            throw new FormatException($"The event body is not valid JSON (line {ex.LineNumber + 1}).", ex);
        }

        var first = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().FirstOrDefault() : root;
        if (first.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("The event body must be an event object or a non-empty array of them.");
        }

        try
        {
            if (first.TryGetProperty("specversion", out _))
            {
                return CloudEvent.ParseMany(body, skipValidation: false)
                    .Select(e => new IncomingEvent(e.Id, e.Type, e.Subject, DataOf(e.Data)))
                    .ToList();
            }

            return EventGridEvent.ParseMany(body)
                .Select(e => new IncomingEvent(e.Id, e.EventType, e.Subject, DataOf(e.Data)))
                .ToList();
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException or InvalidOperationException)
        {
            throw new FormatException($"The event is not a valid Event Grid or CloudEvents event: {ex.Message.Split('\n')[0]}", ex);
        }
    }

    private static JsonElement DataOf(BinaryData? data)
    {
        if (data is null || data.ToMemory().IsEmpty)
        {
            return default;
        }

        try
        {
            var element = JsonDocument.Parse(data.ToMemory()).RootElement.Clone();
            return element.ValueKind == JsonValueKind.String && element.GetString() is { } text && text.TrimStart().StartsWith('{')
                ? JsonDocument.Parse(text).RootElement.Clone()
                : element;
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
