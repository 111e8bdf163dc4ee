using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiSpm.Application.Exports;

/// <summary>The JSON conventions of evidence files: camelCase, indented, enums as names.</summary>
internal static class EvidenceJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter() },
    };
}
