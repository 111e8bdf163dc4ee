using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;
using AiSpm.Core.Rules.Entra;

namespace AiSpm.Core.Rules.Copilot;

/// <summary>Reports whether Copilot in Teams meetings runs in limited mode (no answers about sentiment, people or evaluations).</summary>
public sealed class CopilotMeetingsLimitedMode : DirectoryRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-2033",
        Name = "Copilot.MeetingsLimitedMode",
        Title = "Copilot in Teams meetings limited mode is enabled",
        Severity = Severity.Informational,
        Category = RuleCategory.Copilot,
        ResourceTypes = ["graph/copilot/admin/settings/limitedmode"],
        Frameworks = DirectoryFrameworks.CopilotGovernance,
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override bool ReadsGrants => false;

    /// <inheritdoc />
    protected override IEnumerable<(string ResourceId, RuleCheck Check)> Check(DirectoryInventory directory, DateTimeOffset now) =>
        Check(directory, now, Policy.RuleSettings.Default);

    /// <inheritdoc />
    protected override IEnumerable<(string ResourceId, RuleCheck Check)> Check(DirectoryInventory directory, DateTimeOffset now, Policy.RuleSettings settings)
    {
        const string id = "graph:/copilot/admin/settings/limitedMode";
        const string part = CopilotAdminImport.LimitedModePart;
        if (directory.CopilotLimitedMode is not { } mode)
        {
            yield return (id, RuleCheck.Unknown(CopilotAdminSource.NotCollected(directory, part, "The limited mode setting")));
            yield break;
        }

        if (CopilotAdminSource.Stale(directory, part, now, settings, "the limited mode setting") is { } stale)
        {
            yield return (id, stale);
            yield break;
        }

        var evidence = CopilotAdminSource.Describe(new Dictionary<string, string>
        {
            ["isEnabledForGroup"] = mode.IsEnabledForGroup ? "true" : "false",
            ["groupId"] = string.IsNullOrEmpty(mode.GroupId) ? "(empty: everyone)" : mode.GroupId,
        }, directory, part, now);
        yield return (id, mode.IsEnabledForGroup
            ? RuleCheck.Pass(string.IsNullOrEmpty(mode.GroupId) ? "Limited mode applies to everyone." : "Limited mode applies to the configured group.", evidence)
            : RuleCheck.Fail("Copilot in Teams meetings answers questions that infer emotions, evaluate people or predict sentiment for everyone; limited mode is off.", evidence));
    }
}
