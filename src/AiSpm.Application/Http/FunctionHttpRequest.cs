using System.Text.Json;

namespace AiSpm.Application.Http;

/// <summary>
/// An HTTP request as a function sees it, from the host's envelope (<c>Data.req</c>) or, in local mode, from the
/// request itself: method, path parameters, query, headers (names case-insensitive) and body text.
/// </summary>
public sealed record FunctionHttpRequest(string Method, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Params, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    /// <summary>Reads <c>Data.req</c> of an HTTP-triggered invocation.</summary>
    public static FunctionHttpRequest FromEnvelope(InvocationRequest invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var req = invocation.Binding("req");
        if (req.ValueKind != JsonValueKind.Object)
        {
            throw new EnvelopeException("Data.req must be an object.");
        }

        return new FunctionHttpRequest(
            Property(req, "Method")?.GetString()?.ToUpperInvariant() ?? "GET",
            StringMap(Property(req, "Query")),
            StringMap(Property(req, "Params")),
            StringMap(Property(req, "Headers")),
            Property(req, "Body") is { ValueKind: JsonValueKind.String } body ? body.GetString() : Property(req, "Body")?.GetRawText());
    }

    private static JsonElement? Property(JsonElement element, string name)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value.ValueKind is JsonValueKind.Null ? null : property.Value;
            }
        }

        return null;
    }

    private static Dictionary<string, string> StringMap(JsonElement? element)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (element is not { ValueKind: JsonValueKind.Object } obj)
        {
            return map;
        }

        foreach (var property in obj.EnumerateObject())
        {
            map[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString()!,
                JsonValueKind.Array => string.Join(",", property.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
                _ => property.Value.GetRawText(),
            };
        }

        return map;
    }
}
