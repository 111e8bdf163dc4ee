using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Http;

/// <summary>GET api/report: the self-contained HTML report.</summary>
public sealed class Report(AiSpmFunctionApp app)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.Report)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "report")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpDispatch.InvokeAsync(request, r => app.ReportAsync(r, cancellationToken), cancellationToken).ConfigureAwait(false);
}
