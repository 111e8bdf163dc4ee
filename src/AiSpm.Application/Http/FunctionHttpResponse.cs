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
    public static FunctionHttpResponse Html(string html) => new(200, html, new Dictionary<string, string>
    {
        ["Content-Type"] = "text/html; charset=utf-8",
        ["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
        ["X-Content-Type-Options"] = "nosniff",
        ["Cache-Control"] = "no-store",
    });

    /// <summary>A problem-details error.</summary>
    public static FunctionHttpResponse Problem(int status, string title, string detail) =>
        new(status, new { type = "about:blank", title, status, detail }, new Dictionary<string, string> { ["Content-Type"] = "application/problem+json" });

    /// <summary>The value of <c>Outputs.res</c> in an invocation response.</summary>
    public object ToOutput() => new
    {
        statusCode = StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        body = Body,
        headers = Headers ?? new Dictionary<string, string> { ["Content-Type"] = "application/json" },
    };
}
