using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Rules;

namespace AiSpm.Core.Policy;

/// <summary>
/// Resolves a result's resource id to what exemptions and sanctioned apps match on, from the snapshot the rules saw:
/// a resource's tags (a child's from its top-level resource), an app's client id and verified publisher. At a run's
/// close the path rules see only the graph: tags then come from its assets. Built once per evaluation, indexed on
/// first use.
/// </summary>
public sealed class PolicyTargets(PostureSnapshot snapshot)
{
    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();
    private Dictionary<string, AiResource>? _resources;
    private Dictionary<string, (string? AppId, string? PublisherId)>? _apps;

    /// <summary>The target of a resource id.</summary>
    public ExemptionTarget Of(string resourceId)
    {
        ArgumentNullException.ThrowIfNull(resourceId);
        if (resourceId.StartsWith("graph:", StringComparison.Ordinal))
        {
            _apps ??= IndexApps();
            var (appId, publisherId) = _apps.GetValueOrDefault(resourceId);
            return new ExemptionTarget(resourceId, NoTags, appId, publisherId);
        }

        _resources ??= snapshot.Azure.Resources.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var top = ArmId.TopLevelOf(resourceId);
        var tags = _resources.GetValueOrDefault(resourceId)?.Tags is { Count: > 0 } own ? own
            : top is not null && _resources.GetValueOrDefault(top)?.Tags is { Count: > 0 } parent ? parent
            : snapshot.Graph?.Node(resourceId)?.Tags is { Count: > 0 } node ? node
            : top is not null && snapshot.Graph?.Node(top)?.Tags is { Count: > 0 } topNode ? topNode
            : NoTags;
        return new ExemptionTarget(resourceId, tags);
    }

    private Dictionary<string, (string? AppId, string? PublisherId)> IndexApps()
    {
        var directory = snapshot.Directory;
        var index = new Dictionary<string, (string?, string?)>(StringComparer.OrdinalIgnoreCase);
        var publisherByApp = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var sp in directory.ServicePrincipals)
        {
            index[sp.ResourceId] = (sp.AppId, sp.VerifiedPublisher.VerifiedPublisherId);
            if (sp.AppId is not null)
            {
                publisherByApp[sp.AppId] = sp.VerifiedPublisher.VerifiedPublisherId;
            }
        }

        foreach (var app in directory.Applications)
        {
            index[app.ResourceId] = (app.AppId, publisherByApp.GetValueOrDefault(app.AppId));
        }

        return index;
    }
}
