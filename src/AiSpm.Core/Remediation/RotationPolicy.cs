namespace AiSpm.Core.Remediation;

/// <summary>
/// Which exposed keys may be rotated: the mode, allow-lists of rules and subscriptions (empty = all), and the resource's
/// <c>aispm-rotation</c> tag, with which its owners can opt out (<c>off</c>) or make the flow stricter (<c>dryrun</c>,
/// <c>approval</c>) — never looser than the installation's mode.
/// </summary>
public sealed record RotationPolicy
{
    /// <summary>The opt-out tag name.</summary>
    public const string OptOutTag = "aispm-rotation";

    /// <summary>Off, DryRun (default), Approval or Auto.</summary>
    public RotationMode Mode { get; init; } = RotationMode.DryRun;

    /// <summary>Rule ids whose findings may trigger a rotation; empty allows every credential rule.</summary>
    public IReadOnlySet<string> Rules { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Subscription ids where rotation is allowed; empty allows all.</summary>
    public IReadOnlySet<string> Subscriptions { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Why a key may not be rotated, or null when it may.</summary>
    public string? Refusal(string ruleId, string subscriptionId, IReadOnlyDictionary<string, string> resourceTags)
    {
        ArgumentNullException.ThrowIfNull(resourceTags);
        if (Mode == RotationMode.Off)
        {
            return "rotation is off";
        }

        if (Rules.Count > 0 && !Rules.Contains(ruleId))
        {
            return $"rule {ruleId} is not in the rotation allow-list";
        }

        if (Subscriptions.Count > 0 && !Subscriptions.Contains(subscriptionId))
        {
            return $"subscription {subscriptionId} is not in the rotation allow-list";
        }

        if (!resourceTags.TryGetValue(OptOutTag, out var value))
        {
            return null;
        }

        return CeilingOf(resourceTags) switch
        {
            RotationMode.Off => $"the resource carries the opt-out tag {OptOutTag}=off",
            null when !value.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase) => $"the resource's tag {OptOutTag}='{value}' is not one of off, dryrun, approval, auto",
            _ => null,
        };
    }

    /// <summary>The strictest mode the resource's <c>aispm-rotation</c> tag allows, or null when it sets no limit (absent, <c>auto</c>, or not a mode).</summary>
    public static RotationMode? CeilingOf(IReadOnlyDictionary<string, string> resourceTags)
    {
        ArgumentNullException.ThrowIfNull(resourceTags);
        return resourceTags.TryGetValue(OptOutTag, out var value) ? value.Trim().ToLowerInvariant() switch
        {
            "off" => RotationMode.Off,
            "dryrun" or "dry-run" => RotationMode.DryRun,
            "approval" => RotationMode.Approval,
            _ => null,
        } : null;
    }
}
