using System.Text.Json;

namespace AiSpm.Core.Secrets;

/// <summary>
/// An Azure account that might own an exposed key: its id, its endpoint hosts, and the fingerprints of its two
/// keys. The caller computes the fingerprints in memory from listKeys with the installation's
/// <see cref="SecretFingerprinter"/> and drops the keys.
/// </summary>
/// <param name="AccountId">The account's ARM resource id.</param>
/// <param name="Key1">Fingerprint of key1.</param>
/// <param name="Key2">Fingerprint of key2.</param>
/// <param name="EndpointHosts">The account's endpoint hosts (for example <c>contoso.openai.azure.com</c>); may be empty.</param>
public sealed record AccountKeyFingerprints(string AccountId, SecretFingerprint Key1, SecretFingerprint Key2, IReadOnlyList<string> EndpointHosts)
{
    /// <summary>
    /// The fingerprints of an account's two keys from its key-list answer (<c>listKeys</c>: <c>key1</c>/<c>key2</c>;
    /// Search <c>listAdminKeys</c>: <c>primaryKey</c>/<c>secondaryKey</c>), or null when the answer lacks a key. The
    /// endpoint hosts default to the hosts the account's name gives on each AI service.
    /// </summary>
    public static AccountKeyFingerprints? FromKeyList(string accountId, JsonElement keyList, SecretFingerprinter fingerprinter, IReadOnlyList<string>? endpointHosts = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ArgumentNullException.ThrowIfNull(fingerprinter);
        var key1 = Read(keyList, "key1") ?? Read(keyList, "primaryKey");
        var key2 = Read(keyList, "key2") ?? Read(keyList, "secondaryKey");
        if (key1 is null || key2 is null)
        {
            return null;
        }

        var name = accountId[(accountId.LastIndexOf('/') + 1)..].ToLowerInvariant();
        return new AccountKeyFingerprints(accountId, fingerprinter.Compute(key1), fingerprinter.Compute(key2),
            endpointHosts ?? [$"{name}.openai.azure.com", $"{name}.cognitiveservices.azure.com", $"{name}.services.ai.azure.com", $"{name}.search.windows.net"]);
    }

    private static string? Read(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
