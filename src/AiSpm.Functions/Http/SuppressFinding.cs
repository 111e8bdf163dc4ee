using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Http;

/// <summary>POST api/findings/{scope}/{findingId}/suppress: accepts a risk with a justification and an expiry; audited.</summary>
public sealed class SuppressFinding(AiSpmFunctionApp app)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.SuppressFinding)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "findings/{scope}/{findingId}/suppress")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpDispatch.InvokeAsync(request, r => app.SuppressFindingAsync(r, CallerIdentity.Of(request), cancellationToken), cancellationToken).ConfigureAwait(false);
}
