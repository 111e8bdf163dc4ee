using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Http;

/// <summary>GET api/findings: filtered, paged findings.</summary>
public sealed class Findings(AiSpmFunctionApp app)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.Findings)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "findings")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpDispatch.InvokeAsync(request, r => app.FindingsAsync(r, cancellationToken), cancellationToken).ConfigureAwait(false);
}
