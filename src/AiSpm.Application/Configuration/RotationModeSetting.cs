using AiSpm.Connectors.Storage;
using AiSpm.Core.Remediation;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Configuration;

/// <summary>Reads <c>AISPM_ROTATION_MODE</c>: exactly one of Off, DryRun (the default), Approval or Auto, as written (case too); never a number or a comma-combined value.</summary>
public static class RotationModeSetting
{
    /// <summary>The mode the settings ask for.</summary>
    /// <exception cref="StorageConfigurationException">The value is not one of the modes.</exception>
    public static RotationMode Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[AppSettingNames.RotationMode] is not { Length: > 0 } raw)
        {
            return RotationMode.DryRun;
        }

        var value = raw.Trim();
        foreach (var mode in Enum.GetValues<RotationMode>())
        {
            if (string.Equals(mode.ToString(), value, StringComparison.Ordinal))
            {
                return mode;
            }
        }

        var meant = Enum.GetValues<RotationMode>().Select(m => m.ToString()).FirstOrDefault(m => string.Equals(m, value, StringComparison.OrdinalIgnoreCase));
        throw new StorageConfigurationException(AppSettingNames.RotationMode,
            $"'{AppSettingNames.RotationMode}' must be Off, DryRun, Approval or Auto (exactly so written), not '{raw}'" + (meant is null ? "." : $"; did you mean '{meant}'?"));
    }
}
