using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AiSpm.Connectors.CopilotStudio;

/// <summary>
/// Reads a Copilot Studio component's <c>data</c> (the agent's YAML, as the Dataverse <c>botcomponents</c> table
/// holds it) into JSON for the inventory builder: mappings become objects, sequences arrays, scalars strings (the
/// rules compare text). Not YAML, more than one document, or a root that is not a mapping: null.
/// </summary>
public static class AgentComponentYaml
{
    /// <summary>The largest component read (Dataverse's memo columns hold at most 1,048,576 characters).</summary>
    public const int MaxLength = 1_048_576;

    /// <summary>The component as JSON, or null.</summary>
    public static JsonElement? ToJson(string yaml)
    {
        if (string.IsNullOrWhiteSpace(yaml) || yaml.Length > MaxLength)
        {
            return null;
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count == 1 && stream.Documents[0].RootNode is YamlMappingNode root
                ? JsonSerializer.SerializeToElement(Node(root, 0))
                : null;
        }
        catch (Exception ex) when (ex is YamlException or InvalidOperationException or ArgumentException)
        {
            return null;
        }
    }

    private static JsonNode? Node(YamlNode node, int depth)
    {
        if (depth > 64)
        {
            return null; // deeper than any authored agent: not followed
        }

        switch (node)
        {
            case YamlMappingNode map:
                var obj = new JsonObject();
                foreach (var (key, value) in map.Children)
                {
                    if (key is YamlScalarNode { Value: { } name })
                    {
                        obj[name] = Node(value, depth + 1);
                    }
                }

                return obj;
            case YamlSequenceNode sequence:
                return new JsonArray(sequence.Children.Select(c => Node(c, depth + 1)).ToArray());
            case YamlScalarNode scalar:
                return scalar.Value is null ? null : JsonValue.Create(scalar.Value);
            default:
                return null;
        }
    }
}
