using System.ComponentModel.DataAnnotations;

namespace AiSpm.Application.Scanning;

/// <summary>How scans are planned and run (settings section <c>Scan</c>; e.g. <c>Scan__SubscriptionsPerShard</c>).</summary>
public sealed class ScanOptions
{
    /// <summary>Subscriptions per shard (one Resource Graph query batch).</summary>
    [Range(1, 300)]
    public int SubscriptionsPerShard { get; set; } = 100;

    /// <summary>Subscriptions to scan; empty means every subscription the identity can read.</summary>
    public IList<string> Subscriptions { get; } = [];

    /// <summary>Scan app settings, container app environments and deployment history for exposed AI keys.</summary>
    public bool ScanCredentials { get; set; } = true;

    /// <summary>
    /// The installation's fingerprint key (≥ 32 bytes): exposed credentials are stored as HMAC fingerprints under it,
    /// stable across scans of one installation and useless elsewhere. Null derives one from the installation's storage
    /// account and table prefix (set <c>AISPM_FINGERPRINT_KEY</c> to a base64 key to control it).
    /// </summary>
    public byte[]? FingerprintKey { get; set; }
}
