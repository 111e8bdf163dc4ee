namespace AiSpm.Emulator.Hosting;

/// <summary>
/// Sends requests for the cloud data-plane hosts the emulator serves (<c>*.search.windows.net</c>, the Power Platform
/// admin API, Dataverse's <c>*.dynamics.com</c>) to the emulator's
/// address with the cloud host in <c>X-Forwarded-Host</c>, as a forwarding proxy would, so a client built for the real
/// service reaches the emulated one unchanged over one pooled connection. Every other request goes where it was addressed.
/// </summary>
public sealed class DataPlaneRoutingHandler(Uri emulator, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private static readonly string[] RoutedSuffixes = [".search.windows.net", "api.bap.microsoft.com", ".dynamics.com"];

    /// <inheritdoc />
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { } uri && RoutedSuffixes.Any(s => uri.Host.EndsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            request.Headers.Remove("X-Forwarded-Host");
            request.Headers.Add("X-Forwarded-Host", uri.Host);
            request.RequestUri = new UriBuilder(uri) { Host = emulator.Host, Port = emulator.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
