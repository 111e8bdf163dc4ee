using AiSpm.Application.Functions;
using AiSpm.Application.Scanning;
using AiSpm.Connectors.Persistence;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace AiSpm.Functions.Triggers;

/// <summary>
/// Queue <c>aispm-resource-events</c> (Event Grid's storage-queue delivery of ARM events, either schema): starts or
/// signals the ResourceScan orchestration of each changed AI resource. Malformed messages are acknowledged with the
/// reason logged; a message whose handling throws is retried by the host and then moved to the poison queue.
/// </summary>
public sealed class ResourceChanged(AiSpmFunctionApp app, ILogger<ResourceChanged> logger)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.ResourceChanged)]
    public async Task RunAsync(
        [QueueTrigger(AiSpmQueues.ResourceEventsName, Connection = "AzureWebJobsStorage")] string message,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        foreach (var line in await app.ResourceChangedAsync(message, new DurableScanLauncher(client), cancellationToken).ConfigureAwait(false))
        {
            FunctionLog.Handled(logger, FunctionNames.ResourceChanged, line);
        }
    }
}
