using AiSpm.Cli.Emulation;

namespace AiSpm.Testing;

/// <summary>Data-plane calls with a key to an emulated AI Services account or Search service, as a consumer of the key makes them.</summary>
public static class DataPlane
{
    /// <summary>The status of a GET to <paramref name="host"/> with an <c>api-key</c>, as the emulator's key check answers it.</summary>
    public static async Task<int> StatusAsync(EmulatedTenant tenant, string host, string pathAndQuery, string key)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        // The data plane is addressed by host name; the request goes to the emulator's address with that Host header, so
        // the name cannot match the emulator's certificate: trust it by its thumbprint alone (test only).
        var thumbprint = tenant.Server.CertificateThumbprint;
        using var http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(tenant.Server.BaseUri, pathAndQuery));
        request.Headers.Host = host;
        request.Headers.Add("api-key", key);
        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }
}
