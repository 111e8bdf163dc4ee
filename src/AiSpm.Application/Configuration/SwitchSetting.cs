using AiSpm.Connectors.Storage;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Configuration;

/// <summary>A true/false setting that defaults to true (<c>AISPM_GRAPH_ENABLED</c>, <c>AISPM_POWERPLATFORM_ENABLED</c>).</summary>
public static class SwitchSetting
{
    /// <summary>The setting's value; anything but true or false stops the start with one line naming it.</summary>
    /// <exception cref="StorageConfigurationException">The value is neither true nor false.</exception>
    public static bool Read(IConfiguration configuration, string name)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration[name]?.Trim() switch
        {
            null or "" => true,
            var v when string.Equals(v, "true", StringComparison.OrdinalIgnoreCase) => true,
            var v when string.Equals(v, "false", StringComparison.OrdinalIgnoreCase) => false,
            var v => throw new StorageConfigurationException(name, $"'{name}' must be true or false, not '{v}'."),
        };
    }
}
