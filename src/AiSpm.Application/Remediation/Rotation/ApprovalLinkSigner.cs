using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>
/// Signs and checks the tokens in a rotation card's Approve and Reject links: HMAC-SHA256 under a key derived from the
/// installation's key for this purpose only, bound to the rotation instance, the action and an expiry, with a random
/// nonce. A link works once because the instance takes one decision: a second use finds it no longer waiting.
/// </summary>
public sealed class ApprovalLinkSigner
{
    private const string Version = "v1";
    private readonly byte[] _key;

    /// <summary>Derives the signing key from the installation key (≥ 32 bytes).</summary>
    public ApprovalLinkSigner(byte[] installationKey)
    {
        ArgumentNullException.ThrowIfNull(installationKey);
        if (installationKey.Length < 32)
        {
            throw new ArgumentException("The installation key must be at least 32 bytes.", nameof(installationKey));
        }

        _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, installationKey, 32, info: Encoding.UTF8.GetBytes("aispm-rotation-approval-v1"));
    }

    /// <summary>A token for <paramref name="action"/> (approve or reject) on <paramref name="instanceId"/>, valid until <paramref name="expiresAt"/>.</summary>
    public string Sign(string instanceId, string action, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(action);
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var payload = string.Join('|', Version, instanceId, action, expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), nonce);
        return Base64Url(Encoding.UTF8.GetBytes(payload)) + "." + Base64Url(Mac(payload));
    }

    /// <summary>Checks <paramref name="token"/> for <paramref name="instanceId"/> and <paramref name="action"/> at <paramref name="now"/>.</summary>
    public ApprovalLinkCheck Check(string? token, string instanceId, string action, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024 || token.Split('.') is not [var encodedPayload, var encodedMac]
            || FromBase64Url(encodedPayload) is not { } payloadBytes || FromBase64Url(encodedMac) is not { } mac)
        {
            return ApprovalLinkCheck.Malformed;
        }

        var payload = Encoding.UTF8.GetString(payloadBytes);
        if (!CryptographicOperations.FixedTimeEquals(mac, Mac(payload)))
        {
            return ApprovalLinkCheck.BadSignature;
        }

        if (payload.Split('|') is not [Version, var signedInstance, var signedAction, var expires, _]
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var expiresUnix))
        {
            return ApprovalLinkCheck.Malformed;
        }

        return !string.Equals(signedInstance, instanceId, StringComparison.Ordinal) ? ApprovalLinkCheck.WrongInstance
            : !string.Equals(signedAction, action, StringComparison.Ordinal) ? ApprovalLinkCheck.WrongAction
            : now.ToUnixTimeSeconds() > expiresUnix ? ApprovalLinkCheck.Expired
            : ApprovalLinkCheck.Valid;
    }

    private byte[] Mac(string payload) => HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(payload));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - (padded.Length % 4)) % 4);
        var buffer = new byte[padded.Length];
        if (!Convert.TryFromBase64String(padded, buffer, out var written))
        {
            return null;
        }

        // Only the canonical spelling: a last character that differs in bits the decoder ignores is a different token.
        var bytes = buffer[..written];
        return string.Equals(Base64Url(bytes), text, StringComparison.Ordinal) ? bytes : null;
    }
}
