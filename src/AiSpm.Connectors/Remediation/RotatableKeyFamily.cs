using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Core.Secrets;

namespace AiSpm.Connectors.Remediation;

/// <summary>
/// What differs between the two-key resources AiSpm can rotate: the ARM type and api-version, the action that lists the
/// two keys and the response properties that hold them, the names of the two slots, and how one slot is regenerated.
/// The rotation procedure itself (<see cref="AccountKeyRotator"/>) is the same for every family.
/// </summary>
public sealed class RotatableKeyFamily
{
    /// <summary>
    /// AI Services / Azure OpenAI and other Cognitive Services accounts: <c>listKeys</c> answers <c>{"key1","key2"}</c>;
    /// <c>regenerateKey</c> takes <c>{"keyName":"Key1"|"Key2"}</c>.
    /// </summary>
    public static readonly RotatableKeyFamily CognitiveServices = new(
        "Microsoft.CognitiveServices/accounts", "2024-10-01", "listKeys", ("key1", "key2"), ("Key1", "Key2"),
        slot => ("regenerateKey", new { keyName = slot }));

    /// <summary>
    /// Azure AI Search services, admin keys only (query keys are not rotated): <c>listAdminKeys</c> answers
    /// <c>{"primaryKey","secondaryKey"}</c>; <c>regenerateAdminKey/{primary|secondary}</c> takes no body.
    /// </summary>
    public static readonly RotatableKeyFamily SearchAdmin = new(
        "Microsoft.Search/searchServices", "2023-11-01", "listAdminKeys", ("primaryKey", "secondaryKey"), ("Primary", "Secondary"),
        slot => ("regenerateAdminKey/" + slot.ToLowerInvariant(), null));

    private readonly Func<string, (string Action, object? Body)> _regenerate;

    private RotatableKeyFamily(string resourceType, string apiVersion, string listAction, (string First, string Second) keyProperties,
        (string First, string Second) slots, Func<string, (string Action, object? Body)> regenerate)
    {
        ResourceType = resourceType;
        ApiVersion = apiVersion;
        ListAction = listAction;
        KeyProperties = keyProperties;
        Slots = slots;
        _regenerate = regenerate;
    }

    /// <summary>Every family, for look-ups by resource id.</summary>
    public static IReadOnlyList<RotatableKeyFamily> All { get; } = [CognitiveServices, SearchAdmin];

    /// <summary>The ARM resource type (<c>Microsoft.CognitiveServices/accounts</c>, <c>Microsoft.Search/searchServices</c>).</summary>
    public string ResourceType { get; }

    /// <summary>The GA api-version used for reads and key actions.</summary>
    public string ApiVersion { get; }

    /// <summary>The POST action that lists the two keys.</summary>
    public string ListAction { get; }

    /// <summary>The properties of the list answer holding the first and the second key.</summary>
    public (string First, string Second) KeyProperties { get; }

    /// <summary>The names of the two slots, as stored in rotation records and (lower-cased) in the <c>CredentialId</c> tag.</summary>
    public (string First, string Second) Slots { get; }

    /// <summary>The family of a resource id, or null when AiSpm cannot rotate its keys.</summary>
    public static RotatableKeyFamily? For(string resourceId) =>
        string.IsNullOrEmpty(resourceId) ? null : All.FirstOrDefault(f => resourceId.Contains("/providers/" + f.ResourceType + "/", StringComparison.OrdinalIgnoreCase));

    /// <summary>The slot name of an attributed slot (<see cref="KeySlot.Key1"/> is the first key, Key1 or Primary).</summary>
    public string SlotName(KeySlot slot) => slot switch
    {
        KeySlot.Key1 => Slots.First,
        KeySlot.Key2 => Slots.Second,
        _ => throw new ArgumentOutOfRangeException(nameof(slot), slot, "Only the two key slots exist."),
    };

    /// <summary>The slot a name (case-insensitive, as in a <c>CredentialId</c> tag) denotes, or null for a name of another family.</summary>
    public KeySlot? SlotOf(string slotName) =>
        string.Equals(slotName, Slots.First, StringComparison.OrdinalIgnoreCase) ? KeySlot.Key1
        : string.Equals(slotName, Slots.Second, StringComparison.OrdinalIgnoreCase) ? KeySlot.Key2
        : null;

    /// <summary>The other slot of the pair.</summary>
    public string Alternate(string slotName) => SlotOf(slotName) switch
    {
        KeySlot.Key1 => Slots.Second,
        KeySlot.Key2 => Slots.First,
        _ => throw new ArgumentException($"'{slotName}' is not a slot of {ResourceType} ({Slots.First}, {Slots.Second}).", nameof(slotName)),
    };

    /// <summary>The action path and body that regenerate one slot.</summary>
    public (string Action, object? Body) RegenerateRequest(string slotName)
    {
        var slot = SlotOf(slotName) ?? throw new ArgumentException($"'{slotName}' is not a slot of {ResourceType} ({Slots.First}, {Slots.Second}).", nameof(slotName));
        return _regenerate(SlotName(slot));
    }

    /// <summary>Reads the two keys from a list (or regenerate) answer.</summary>
    public (string First, string Second) ParseKeys(JsonElement answer) =>
        (answer.GetProperty(KeyProperties.First).GetString()!, answer.GetProperty(KeyProperties.Second).GetString()!);

    /// <summary>The key a slot holds, from a parsed pair.</summary>
    public string KeyIn((string First, string Second) keys, string slotName) => SlotOf(slotName) switch
    {
        KeySlot.Key1 => keys.First,
        KeySlot.Key2 => keys.Second,
        _ => throw new ArgumentException($"'{slotName}' is not a slot of {ResourceType} ({Slots.First}, {Slots.Second}).", nameof(slotName)),
    };

    /// <summary>Lists the resource's two keys (in memory only).</summary>
    public async Task<(string First, string Second)> ListKeysAsync(ArmRestClient arm, string resourceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arm);
        return ParseKeys(await arm.PostActionAsync(resourceId, ListAction, ApiVersion, cancellationToken: cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Regenerates one slot.</summary>
    public async Task RegenerateAsync(ArmRestClient arm, string resourceId, string slotName, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arm);
        var (action, body) = RegenerateRequest(slotName);
        await arm.PostActionAsync(resourceId, action, ApiVersion, body, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => ResourceType;
}
