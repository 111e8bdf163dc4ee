using System.Text.Json;

namespace AiSpm.Application.Http;

/// <summary>
/// The body the Functions host posts to a custom handler at <c>/{FunctionName}</c>: <c>Data</c> keyed by input
/// binding name, <c>Metadata</c> with trigger metadata and <c>sys</c>.
/// </summary>
public sealed record InvocationRequest(IReadOnlyDictionary<string, JsonElement> Data, IReadOnlyDictionary<string, JsonElement> Metadata)
{
    /// <summary>Parses an invocation body.</summary>
    /// <exception cref="EnvelopeException">The body is not an invocation envelope; the message says what is wrong.</exception>
    public static InvocationRequest Parse(ReadOnlySpan<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new EnvelopeException("The invocation body must be a JSON object with 'Data' and 'Metadata'.");
            }

            return new InvocationRequest(ReadSection(document.RootElement, "Data"), ReadSection(document.RootElement, "Metadata"));
        }
        catch (JsonException ex)
        {
            throw new EnvelopeException($"The invocation body is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}).");
        }
    }

    /// <summary>
    /// The JSON value of an input binding, unwrapped when the host serialised it as a JSON string holding JSON
    /// (queue text and Event Grid data can arrive encoded twice).
    /// </summary>
    /// <exception cref="EnvelopeException">The binding is missing.</exception>
    public JsonElement Binding(string name)
    {
        if (!Data.TryGetValue(name, out var value) || value.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined)
        {
            throw new EnvelopeException($"The invocation has no '{name}' in Data.");
        }

        for (var depth = 0; depth < 3 && value.ValueKind == JsonValueKind.String; depth++)
        {
            var text = value.GetString()!.Trim();
            if (text.Length == 0 || text[0] is not ('{' or '[' or '"'))
            {
                break;
            }

            try
            {
                value = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                break;
            }
        }

        return value;
    }

    private static Dictionary<string, JsonElement> ReadSection(JsonElement root, string name)
    {
        var section = new Dictionary<string, JsonElement>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase) && property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var item in property.Value.EnumerateObject())
                {
                    section[item.Name] = item.Value.Clone();
                }
            }
        }

        return section;
    }
}
