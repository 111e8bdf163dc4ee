using AiSpm.Application.Functions;
using AiSpm.Connectors.Persistence;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging;

namespace AiSpm.Functions.Triggers;

/// <summary>Queue <c>aispm-vault-events</c> (Event Grid delivery of AiSpm's Key Vault events): scheduled rotation of keys near expiry.</summary>
public sealed class SecretNearExpiry(AiSpmFunctionApp app, ILogger<SecretNearExpiry> logger)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.SecretNearExpiry)]
    public async Task RunAsync(
        [QueueTrigger(AiSpmQueues.VaultEventsName, Connection = "AzureWebJobsStorage")] string message,
        CancellationToken cancellationToken)
    {
        foreach (var line in await app.SecretNearExpiryAsync(message, cancellationToken).ConfigureAwait(false))
        {
            FunctionLog.Handled(logger, FunctionNames.SecretNearExpiry, line);
        }
    }
}
