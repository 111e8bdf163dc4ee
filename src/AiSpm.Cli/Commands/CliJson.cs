using System.Text.Json;

namespace AiSpm.Cli.Commands;

/// <summary>How every JSON output of the CLI is written: camelCase keys, one casing across verbs (docs/outputs.md).</summary>
internal static class CliJson
{
    /// <summary>The serializer options of every JSON output.</summary>
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
