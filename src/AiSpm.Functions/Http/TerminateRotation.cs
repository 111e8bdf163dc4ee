using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using AiSpm.Application.Remediation.Rotation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AiSpm.Functions.Http;

/// <summary>POST api/rotations/{id}/terminate: an operator stops a stuck rotation (audited with the caller).</summary>
public sealed class TerminateRotation(RotationRequests rotations)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.TerminateRotation)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "rotations/{id}/terminate")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await HttpDispatch.InvokeAsync(request, r => rotations.TerminateAsync(r, client, CallerIdentity.Of(request), cancellationToken), cancellationToken).ConfigureAwait(false);
}
