using Microsoft.AspNetCore.Http;

namespace AiSpm.Application.Http;

/// <summary>
/// Runs a handler for an ASP.NET Core request, as both hosts do: reads the request (a body over the limit is a 413
/// problem), calls the handler, writes its answer.
/// </summary>
public static class HttpDispatch
{
    /// <summary>Reads <paramref name="request"/>, calls <paramref name="handler"/>, returns its answer as a result.</summary>
    public static async Task<FunctionHttpResponse.Written> InvokeAsync(HttpRequest request, Func<FunctionHttpRequest, Task<FunctionHttpResponse>> handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        FunctionHttpRequest read;
        try
        {
            read = await FunctionHttpRequest.FromAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (BadHttpRequestException ex)
        {
            return FunctionHttpResponse.Problem(ex.StatusCode, "Request refused", ex.Message).ToResult();
        }

        return (await handler(read).ConfigureAwait(false)).ToResult();
    }
}
