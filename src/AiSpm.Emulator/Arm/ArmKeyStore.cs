using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using AiSpm.Emulator.Fixtures;

namespace AiSpm.Emulator.Arm;

/// <summary>
/// Keys per resource id: Cognitive Services <c>key1</c>/<c>key2</c>, Search admin keys <c>primaryKey</c>/<c>secondaryKey</c>.
/// Keys come from <c>arm/listKeys.json</c> or are derived from the seed; <c>regenerateKey</c> (accounts) and
/// <c>regenerateAdminKey/{primary|secondary}</c> (Search) replace one with a new deterministic value (same seed and call
/// order, same keys), kept for the emulator's lifetime.
/// </summary>
internal sealed class ArmKeyStore(TenantFixture fixture, int seed)
{
    private readonly Dictionary<string, JsonObject> _keys = fixture.ListKeys.ToDictionary(
        p => p.Key.TrimEnd('/'), p => (JsonObject)p.Value.DeepClone(), StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, int> _generations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public JsonObject List(string resourceId)
    {
        lock (_gate)
        {
            return (JsonObject)KeysOf(resourceId).DeepClone();
        }
    }

    /// <summary>Regenerates "key1" or "key2" (the body says "Key1"/"Key2"); returns the new key pair, or null for another key name.</summary>
    public JsonObject? Regenerate(string resourceId, string keyName) => keyName.ToLowerInvariant() switch
    {
        "key1" => RegenerateProperty(resourceId, "key1"),
        "key2" => RegenerateProperty(resourceId, "key2"),
        _ => null,
    };

    /// <summary>Regenerates a Search admin key ("primary" or "secondary"); returns the new admin key pair, or null for another kind.</summary>
    public JsonObject? RegenerateAdmin(string resourceId, string keyKind) => keyKind.ToLowerInvariant() switch
    {
        "primary" => RegenerateProperty(resourceId, "primaryKey"),
        "secondary" => RegenerateProperty(resourceId, "secondaryKey"),
        _ => null,
    };

    private JsonObject RegenerateProperty(string resourceId, string property)
    {
        lock (_gate)
        {
            var keys = KeysOf(resourceId);
            var generation = _generations.GetValueOrDefault(resourceId + "|" + property) + 1;
            _generations[resourceId + "|" + property] = generation;
            keys[property] = DeriveKey(resourceId, property, generation);
            return (JsonObject)keys.DeepClone();
        }
    }

    private JsonObject KeysOf(string resourceId)
    {
        if (!_keys.TryGetValue(resourceId, out var keys))
        {
            keys = IsSearch(resourceId)
                ? new JsonObject { ["primaryKey"] = DeriveKey(resourceId, "primaryKey", 0), ["secondaryKey"] = DeriveKey(resourceId, "secondaryKey", 0) }
                : new JsonObject { ["key1"] = DeriveKey(resourceId, "key1", 0), ["key2"] = DeriveKey(resourceId, "key2", 0) };
            _keys[resourceId] = keys;
        }

        return keys;
    }

    private static bool IsSearch(string resourceId) => resourceId.Contains("/providers/Microsoft.Search/searchServices/", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// A Cognitive Services key: 32 lower-case hex characters. A Search admin key: 52 alphanumerics in the identifiable
    /// layout (42 random, <c>AzSe</c>, a version letter, 5 random).
    /// </summary>
    private string DeriveKey(string resourceId, string keyName, int generation)
    {
        var material = Encoding.UTF8.GetBytes($"{seed}|{resourceId.ToLowerInvariant()}|{keyName}|{generation}");
        var hash = SHA256.HashData(material);
        if (!IsSearch(resourceId))
        {
            return Convert.ToHexStringLower(hash.AsSpan(0, 16));
        }

        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var more = SHA256.HashData(hash);
        var random = hash.Concat(more).Take(47).Select(b => alphabet[b % alphabet.Length]).ToArray();
        return new string(random, 0, 42) + "AzSeD" + new string(random, 42, 5);
    }
}
