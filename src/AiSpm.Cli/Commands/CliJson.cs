using System.Text.Json;
using AiSpm.Application.Remediation.Rotation;

namespace AiSpm.Cli.Commands;

/// <summary>JSON as the CLI reads and writes it: camelCase keys, one casing across verbs (docs/outputs.md).</summary>
internal static class CliJson
{
    /// <summary>The serializer options of every JSON output, and of the API answers the CLI reads.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>The rotations of a <c>GET /api/rotations</c> answer, in its order.</summary>
    public static List<RotationStatus> ReadRotations(JsonElement answer) =>
        answer.GetProperty("rotations").Deserialize<List<RotationStatus>>(Options) ?? [];
}
