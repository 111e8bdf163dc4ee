using System.Globalization;
using AiSpm.Connectors.Storage;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Configuration;

/// <summary>Reads a whole-number setting strictly: digits only, within its documented range, or one error naming it.</summary>
public static class WholeNumberSetting
{
    /// <summary>The value of <paramref name="key"/>, or null when it is unset or blank.</summary>
    /// <param name="configuration">The settings.</param>
    /// <param name="key">The configuration key (<c>:</c> for sections).</param>
    /// <param name="min">The least value allowed.</param>
    /// <param name="max">The greatest value allowed.</param>
    /// <param name="unit">What the number counts, for the message (<c>seconds</c>, <c>milliseconds</c>), or null.</param>
    /// <exception cref="StorageConfigurationException">The value is not a whole number in range; the message names the setting as an environment variable.</exception>
    public static int? Read(IConfiguration configuration, string key, int min, int max, string? unit = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration[key] is not { } raw || raw.Trim().Length == 0)
        {
            return null;
        }

        var name = key.Replace(":", "__", StringComparison.Ordinal);
        return int.TryParse(raw.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new StorageConfigurationException(name, $"'{name}' must be a whole number{(unit is null ? string.Empty : " of " + unit)} from {min} to {max}, not '{raw}'.");
    }
}
