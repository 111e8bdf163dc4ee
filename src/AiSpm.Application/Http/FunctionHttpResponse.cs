using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace AiSpm.Application.Http;

/// <summary>An HTTP answer of a function: status, JSON body, headers. Errors are RFC 7807 problem details.</summary>
public sealed record FunctionHttpResponse(int StatusCode, object? Body, IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A JSON 200.</summary>
    public static FunctionHttpResponse Ok(object body) => new(200, body);

    /// <summary>A JSON 202.</summary>
    public static FunctionHttpResponse Accepted(object body) => new(202, body);

    /// <summary>
    /// A 200 HTML page that loads nothing from elsewhere: no scripts, styles and images only inline, not framed,
    /// not cached, not sniffed.
    /// </summary>
    public static FunctionHttpResponse Html(string html) => Html(html, 200, postsToSelf: false);

    /// <summary>An HTML page like <see cref="Html(string)"/> with another status; <paramref name="postsToSelf"/> lets its form post back to this app only.</summary>
    public static FunctionHttpResponse Html(string html, int status, bool postsToSelf) => new(status, html, new Dictionary<string, string>
    {
        ["Content-Type"] = "text/html; charset=utf-8",
        ["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action " + (postsToSelf ? "'self'" : "'none'"),
        ["Referrer-Policy"] = "no-referrer",
        ["X-Content-Type-Options"] = "nosniff",
        ["Cache-Control"] = "no-store",
    });

    /// <summary>A problem-details error.</summary>
    public static FunctionHttpResponse Problem(int status, string title, string detail) =>
        new(status, new { type = "about:blank", title, status, detail }, new Dictionary<string, string> { ["Content-Type"] = "application/problem+json" });

    /// <summary>
    /// The answer as an ASP.NET Core result (both <see cref="IResult"/> for minimal routes and <see cref="IActionResult"/>
    /// for the isolated worker's HTTP triggers): JSON (or problem JSON) with its status, or the HTML page with its headers.
    /// </summary>
    public Written ToResult() => new(this);

    /// <summary>A handler's answer written to an ASP.NET Core response.</summary>
    public sealed class Written(FunctionHttpResponse response) : IResult, IActionResult
    {
        /// <summary>The answer.</summary>
        public FunctionHttpResponse Response => response;

        /// <inheritdoc />
        public Task ExecuteResultAsync(ActionContext context) => ExecuteAsync((context ?? throw new ArgumentNullException(nameof(context))).HttpContext);

        /// <inheritdoc />
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            ArgumentNullException.ThrowIfNull(httpContext);
            var headers = response.Headers ?? new Dictionary<string, string>();
            var contentType = headers.TryGetValue("Content-Type", out var type) ? type : "application/json";
            foreach (var header in headers.Where(h => !string.Equals(h.Key, "Content-Type", StringComparison.OrdinalIgnoreCase)))
            {
                httpContext.Response.Headers[header.Key] = header.Value;
            }

            var result = response.Body is string text && !contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
                ? Results.Text(text, contentType, System.Text.Encoding.UTF8, response.StatusCode)
                : Results.Json(response.Body, statusCode: response.StatusCode, contentType: contentType);
            await result.ExecuteAsync(httpContext).ConfigureAwait(false);
        }
    }
}
