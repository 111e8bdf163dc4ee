using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Configuration;

/// <summary>
/// Configuration of the CLI and the local server: the <c>Values</c> of <c>local.settings.json</c> in the current
/// directory (as the Functions tooling reads them), overridden by environment variables. <c>__</c> in a name
/// separates sections, as on App Service.
/// </summary>
public static class AppConfiguration
{
    /// <summary>Builds the configuration.</summary>
    /// <exception cref="InvalidOperationException">local.settings.json is not valid JSON; the message says where.</exception>
    public static IConfigurationRoot Build(string? directory = null, IDictionary<string, string?>? overrides = null)
    {
        var builder = new ConfigurationBuilder();
        var path = Path.Combine(directory ?? Directory.GetCurrentDirectory(), "local.settings.json");
        if (File.Exists(path))
        {
            builder.AddInMemoryCollection(ReadLocalSettings(path));
        }

        builder.AddEnvironmentVariables();
        if (overrides is not null)
        {
            builder.AddInMemoryCollection(overrides);
        }

        return builder.Build();
    }

    private static Dictionary<string, string?> ReadLocalSettings(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            if (document.RootElement.TryGetProperty("Values", out var section) && section.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in section.EnumerateObject())
                {
                    values[property.Name.Replace("__", ":", StringComparison.Ordinal)] = property.Value.ValueKind == JsonValueKind.String
                        ? property.Value.GetString()
                        : property.Value.GetRawText();
                }
            }

            return values;
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"local.settings.json is not valid JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}): {ex.Message}", ex);
        }
    }
}
