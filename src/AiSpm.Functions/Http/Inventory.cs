using AiSpm.Application.Functions;
using AiSpm.Application.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;

namespace AiSpm.Functions.Http;

/// <summary>GET api/inventory: the AI inventory.</summary>
public sealed class Inventory(AiSpmFunctionApp app)
{
    /// <summary>Runs the function.</summary>
    [Function(FunctionNames.Inventory)]
    public async Task<IActionResult> RunAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "inventory")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await HttpDispatch.InvokeAsync(request, r => app.InventoryAsync(r, cancellationToken), cancellationToken).ConfigureAwait(false);
}
