using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using AiSpm.Application.Remediation.Rotation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AiSpm.Functions.Http;

/// <summary>GET api/rotations[?active=true]: the rotation instances with their step, flow, outcome and timestamps.</summary>
public sealed class Rotations(RotationRequests rotations)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.Rotations)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "rotations")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await HttpDispatch.InvokeAsync(request, r => rotations.ListAsync(r, client, cancellationToken), cancellationToken).ConfigureAwait(false);
}
