using AiSpm.Application.Functions;
using AiSpm.Application.Scanning;
using AiSpm.Connectors.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AiSpm.Application.Configuration;

/// <summary>
/// Builds what every host needs once, at start: a setting that is missing or malformed then stops the start with an
/// error naming it, instead of failing the first scan or request.
/// </summary>
public static class StartupCheck
{
    /// <summary>Resolves the storage clients, the scan options and coordinator, and the handlers.</summary>
    public static IServiceProvider ValidateAiSpm(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _ = services.GetRequiredService<StorageClients>();
        _ = services.GetRequiredService<ScanOptions>();
        _ = services.GetRequiredService<ScanCoordinator>();
        _ = services.GetRequiredService<AiSpmFunctionApp>();
        return services;
    }
}
