using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Http;

/// <summary>GET api/evidence: the evidence ZIP (base64, with its manifest); audited.</summary>
public sealed class ExportEvidence(AiSpmFunctionApp app)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.ExportEvidence)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "evidence")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpDispatch.InvokeAsync(request, r => app.ExportEvidenceAsync(r, CallerIdentity.Of(request), cancellationToken), cancellationToken).ConfigureAwait(false);
}
