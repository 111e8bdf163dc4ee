using System.Net.Security;
using System.Security.Cryptography;

namespace AiSpm.Emulator.Hosting;

/// <summary>Builds HTTP handlers that accept exactly one server certificate, identified by its SHA-256 thumbprint.</summary>
public static class PinnedCertificateHandler
{
    /// <summary>
    /// A handler whose certificate check passes only when the server presents the certificate with <paramref name="sha256Thumbprint"/>
    /// and the only failure is the (expected) untrusted self-signed chain. Every other certificate is refused.
    /// </summary>
    public static HttpClientHandler Create(string sha256Thumbprint)
    {
        ArgumentException.ThrowIfNullOrEmpty(sha256Thumbprint);
        return new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
                certificate is not null
                && (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None
                && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), sha256Thumbprint, StringComparison.OrdinalIgnoreCase),
        };
    }
}
