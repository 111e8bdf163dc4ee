using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.Directory;

namespace AiSpm.Core.Rules.Entra.Permissions;

/// <summary>
/// How sure a shadow-AI finding is: the rule's severity holds for a third-party app matched by app id, verified
/// publisher or product name; each of a low-confidence match (a keyword in the name or description) and a home-grown
/// app (registered in this tenant, so someone here owns it) lowers it one level.
/// </summary>
public static class ShadowAiSeverity
{
    /// <summary>The severity of a shadow-AI failure on <paramref name="app"/> for a rule of <paramref name="severity"/>.</summary>
    public static Severity Of(Severity severity, AiAppEntry app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var levels = (app.Match.Confidence == AiMatchConfidence.Low ? 1 : 0) + (app.Origin == AppOrigin.ThisTenant ? 1 : 0);
        return (Severity)Math.Max((int)Severity.Low, (int)severity - levels);
    }

    /// <summary>A failure with that severity and the reason in its evidence.</summary>
    public static RuleCheck Fail(Severity severity, AiAppEntry app, string message, Dictionary<string, string> evidence)
    {
        var adjusted = Of(severity, app);
        if (adjusted != severity)
        {
            evidence["severityReason"] = $"{severity} lowered to {adjusted}: " + string.Join(" and ", new[]
            {
                app.Match.Confidence == AiMatchConfidence.Low ? "low-confidence AI match" : null,
                app.Origin == AppOrigin.ThisTenant ? "home-grown app" : null,
            }.OfType<string>());
        }

        return RuleCheck.Fail(message, evidence) with { Severity = adjusted };
    }
}
