using AiSpm.Application.Functions;
using AiSpm.Application.Scanning;
using AiSpm.Application.Remediation.Rotation;
using AiSpm.Connectors.Storage;
using AiSpm.Connectors.Teams;
using AiSpm.Core.Remediation;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Application.Configuration;

/// <summary>
/// Builds what every host needs once, at start: a setting that is missing or malformed then stops the start with an
/// error naming it, instead of failing the first scan or request.
/// </summary>
public static class StartupCheck
{
    /// <summary>Checks the plain settings (<see cref="AppSettingsCheck"/>), then resolves the storage clients, the scan options and coordinator, the handlers and the rotation settings (Approval needs Teams).</summary>
    public static IServiceProvider ValidateAiSpm(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        AppSettingsCheck.Validate(services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>());
        _ = services.GetRequiredService<StorageClients>();
        _ = services.GetRequiredService<ScanOptions>();
        _ = services.GetRequiredService<Core.Policy.ScanPolicy>();
        _ = services.GetRequiredService<ScanCoordinator>();
        _ = services.GetRequiredService<AiSpmFunctionApp>();
        _ = ScanScheduleSetting.Read(services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>(), out _);
        if (services.GetRequiredService<RotationOptions>().Mode == RotationMode.Approval && services.GetService<TeamsWebhookClient>() is null)
        {
            throw new StorageConfigurationException(AppSettingNames.RotationMode,
                $"'{AppSettingNames.RotationMode}' is Approval, which posts its approval cards to Teams: set '{Notifications.TeamsNotifierOptions.WebhookSetting}' too.");
        }

        return services;
    }
}
