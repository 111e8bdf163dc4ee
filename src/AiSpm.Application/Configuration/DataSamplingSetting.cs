using AiSpm.Connectors.Collection;
using AiSpm.Connectors.Storage;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Configuration;

/// <summary>Reads <c>AISPM_DATA_SAMPLING</c> (On/Off, default Off) and <c>AISPM_DATA_SAMPLING_MAX_BLOBS</c> strictly.</summary>
public static class DataSamplingSetting
{
    /// <summary>The sampling bounds when sampling is on, or null when it is off.</summary>
    /// <exception cref="StorageConfigurationException">A setting has the wrong form; the message names it.</exception>
    public static DataSamplingOptions? Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var maxBlobs = WholeNumberSetting.Read(configuration, AppSettingNames.DataSamplingMaxBlobs, 1, 1000);
        return configuration[AppSettingNames.DataSampling]?.Trim() switch
        {
            null or "" => null,
            var v when string.Equals(v, "Off", StringComparison.OrdinalIgnoreCase) => null,
            var v when string.Equals(v, "On", StringComparison.OrdinalIgnoreCase) => new DataSamplingOptions { MaxBlobsPerContainer = maxBlobs ?? 20 },
            var v => throw new StorageConfigurationException(AppSettingNames.DataSampling, $"'{AppSettingNames.DataSampling}' must be On or Off, not '{v}'."),
        };
    }
}
