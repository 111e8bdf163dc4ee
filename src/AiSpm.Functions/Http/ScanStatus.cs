using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using AiSpm.Application.Scanning;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AiSpm.Functions.Http;

/// <summary>GET api/scans/{id}: a scan's orchestration status, run and progress (shards done of planned).</summary>
public sealed class ScanStatus(AiSpmFunctionApp app)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.ScanStatus)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "scans/{id}")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await HttpDispatch.InvokeAsync(request, r => app.ScanStatusAsync(r, new DurableScanLauncher(client), cancellationToken), cancellationToken).ConfigureAwait(false);
}
