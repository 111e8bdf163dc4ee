using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using AiSpm.Application.Scanning;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AiSpm.Functions.Http;

/// <summary>POST api/scans: starts a full scan (the FullScan orchestration); 202 with its id, status route and the Durable management URLs.</summary>
public sealed class StartScan(AiSpmFunctionApp app)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.StartScan)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "scans")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        FunctionContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var requestData = await context.GetHttpRequestDataAsync().ConfigureAwait(false);
        return await HttpDispatch.InvokeAsync(request, r => app.StartScanAsync(r, new DurableScanLauncher(client), cancellationToken,
            id => requestData is null ? null : client.CreateHttpManagementPayload(id, requestData)), cancellationToken).ConfigureAwait(false);
    }
}
