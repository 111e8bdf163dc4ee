using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using AiSpm.Application.Remediation.Rotation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace AiSpm.Functions.Http;

/// <summary>
/// GET|POST api/rotations/{id}/reject: the Reject link of a rotation's approval card. Anonymous at the host: the link's
/// signed, expiring token is checked first (401 / 410, nothing read or changed otherwise). GET shows a confirmation
/// page, POST decides; the signed-in user of App Service authentication, when on, is recorded as the actor.
/// </summary>
public sealed class RejectRotation(RotationRequests rotations)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.RejectRotation)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", Route = "rotations/{id}/reject")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        await HttpDispatch.InvokeAsync(request, r => rotations.DecideAsync(r, ApprovalLinks.Reject, client, CallerIdentity.Of(request, fallback: "approval link"), cancellationToken), cancellationToken).ConfigureAwait(false);
}
