using Microsoft.AspNetCore.Http;

namespace AiSpm.Application.Http;

/// <summary>
/// An HTTP request as a handler sees it: method, route values, query, headers (names case-insensitive) and body text.
/// Both hosts build it from ASP.NET Core's request, so the handlers are tested without either host.
/// </summary>
public sealed record FunctionHttpRequest(string Method, IReadOnlyDictionary<string, string> Query, IReadOnlyDictionary<string, string> Params, IReadOnlyDictionary<string, string> Headers, string? Body)
{
    /// <summary>The largest body a handler reads (suppressions are small JSON objects).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>A request with only route values (and optionally a query and a body), for callers that are not HTTP.</summary>
    public static FunctionHttpRequest Of(IReadOnlyDictionary<string, string>? parameters = null, IReadOnlyDictionary<string, string>? query = null, string? body = null, string method = "GET") =>
        new(method, query ?? new Dictionary<string, string>(), parameters ?? new Dictionary<string, string>(), new Dictionary<string, string>(), body);

    /// <summary>Reads an ASP.NET Core request; a body over <see cref="MaxBodyBytes"/> is refused with <see cref="BadHttpRequestException"/> (413).</summary>
    public static async Task<FunctionHttpRequest> FromAsync(HttpRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? body = null;
        if (request.ContentLength is > MaxBodyBytes)
        {
            throw new BadHttpRequestException($"The body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
        }

        if (request.ContentLength is not 0 && (request.ContentLength is not null || request.Headers.TransferEncoding.Count > 0))
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    throw new BadHttpRequestException($"The body is larger than {MaxBodyBytes} bytes.", StatusCodes.Status413PayloadTooLarge);
                }

                buffer.Write(chunk, 0, read);
            }

            body = buffer.Length == 0 ? null : System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }

        return new FunctionHttpRequest(
            request.Method.ToUpperInvariant(),
            request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            request.RouteValues.ToDictionary(r => r.Key, r => r.Value?.ToString() ?? string.Empty, StringComparer.OrdinalIgnoreCase),
            request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body);
    }
}
