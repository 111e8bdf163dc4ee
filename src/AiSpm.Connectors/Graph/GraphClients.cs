using Azure.Core;
using Microsoft.Graph;

namespace AiSpm.Connectors.Graph;

/// <summary>Builds the Microsoft Graph client AiSpm uses: the SDK's default handlers (retry, redirect, …) plus call counting.</summary>
public static class GraphClients
{
    /// <summary>The scope AiSpm asks for: the application permissions granted to its identity.</summary>
    public const string DefaultScope = "https://graph.microsoft.com/.default";

    private static readonly Lock Registration = new();

    /// <summary>A client for <paramref name="baseUrl"/> (null: the public cloud's v1.0), sending through <paramref name="finalHandler"/> when given.</summary>
    /// <param name="credential">The identity's credential.</param>
    /// <param name="baseUrl">The v1.0 endpoint; null for https://graph.microsoft.com/v1.0.</param>
    /// <param name="finalHandler">The innermost handler (tests and the emulator pin a certificate here).</param>
    /// <param name="allowedHosts">Hosts the token may be sent to; null for Microsoft Graph's own.</param>
    /// <param name="callTimeout">How long one call may take in all, the SDK's throttling retries included; null for HttpClient's default (100 s).</param>
    /// <param name="scopes">The scopes to ask for; null for <see cref="DefaultScope"/> (an identity's application permissions).</param>
    public static GraphServiceClient Create(TokenCredential credential, Uri? baseUrl = null, HttpMessageHandler? finalHandler = null, string[]? allowedHosts = null, TimeSpan? callTimeout = null, string[]? scopes = null)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var handlers = GraphClientFactory.CreateDefaultHandlers();
        handlers.Add(new GraphCallCountingHandler());
        var http = GraphClientFactory.Create(handlers, finalHandler: finalHandler);
        if (callTimeout is { } timeout)
        {
            http.Timeout = timeout;
        }

        var authentication = new Microsoft.Graph.Authentication.AzureIdentityAuthenticationProvider(credential, allowedHosts, null, true, scopes ?? [DefaultScope]);
        // The client's constructor registers Kiota's process-wide (de)serialisers; two at once can register them twice.
        lock (Registration)
        {
            return baseUrl is null ? new GraphServiceClient(http, authentication) : new GraphServiceClient(http, authentication, baseUrl.AbsoluteUri);
        }
    }
}
