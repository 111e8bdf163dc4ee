using System.Text.Json;
using AiSpm.Core.Assets;
using AiSpm.Core.Findings;
using AiSpm.Core.Graph;

namespace AiSpm.Core.Rules.Paths;

/// <summary>
/// An AI app holds tenant-wide application access to mail or files, comes from an unverified publisher, and its app
/// registration carries a client secret that never expires: one leaked secret reads every mailbox or drive, for good.
/// </summary>
public sealed class PathAiAppDataAccessUnverifiedSecret : PathRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-4004",
        Name = "Path.AiAppDataAccessUnverifiedSecret",
        Title = "No AI app from an unverified publisher holds tenant-wide mail or file access through a secret that never expires",
        Severity = Severity.High,
        Category = RuleCategory.AttackPath,
        ResourceTypes = ["graph/serviceprincipal"],
        Frameworks = new()
        {
            NistAiRmf = ["GOVERN 6.1", "MANAGE 2.2"],
            Iso42001 = ["A.10.3", "A.6.2.6"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM06:2025", "LLM02:2025"],
            MitreAtlas = ["AML.T0012"],
        },
    };

    private static readonly string[] AppOnlyDataAccess = ["AISPM-2002"], SecretWithoutExpiry = ["AISPM-2024"];

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    public override IReadOnlyCollection<string> MemberRules { get; } = [.. AppOnlyDataAccess, .. SecretWithoutExpiry];

    /// <inheritdoc />
    public override IReadOnlyCollection<string> Relations { get; } = [EdgeRelations.RegisteredAs];

    /// <inheritdoc />
    protected override IEnumerable<RuleResult> Evaluate(SecurityGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        foreach (var app in graph.Nodes.Where(n => n.Class == AssetClass.AiApp))
        {
            var access = new PathHop(app.ResourceId, null, [.. graph.Findings(app.ResourceId, AppOnlyDataAccess)], app.Name);
            var registration = graph.Out(app.ResourceId, EdgeRelations.RegisteredAs).FirstOrDefault();
            var secret = registration is null ? null : new PathHop(registration.To, registration, [.. graph.Findings(registration.To, SecretWithoutExpiry)], $"app registration of {app.Name}");
            PathHop[] hops = secret is null ? [access] : [access, secret];
            if (access.Findings.Count == 0)
            {
                yield return NoPath(app.ResourceId, $"AI app '{app.Name}' holds no tenant-wide application access to mail or files.", hops);
                continue;
            }

            switch (PublisherVerified(app))
            {
                case null:
                    yield return Undecided(app.ResourceId, $"Whether AI app '{app.Name}' has a verified publisher was not collected.", hops);
                    break;
                case true:
                    yield return NoPath(app.ResourceId, $"AI app '{app.Name}' has a verified publisher.", hops);
                    break;
                default:
                    yield return secret is null || secret.Findings.Count == 0
                        ? NoPath(app.ResourceId, $"AI app '{app.Name}' has no client secret without expiry in this tenant.", hops)
                        : Path(app.ResourceId, hops, crossesToData: true,
                            $"AI app '{app.Name}' from an unverified publisher reads every mailbox or drive with a client secret that never expires.");
                    break;
            }
        }
    }

    private static bool? PublisherVerified(Asset app) =>
        app.Facts() is { ValueKind: JsonValueKind.Object } facts && facts.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Object
        && details.TryGetProperty("publisherVerified", out var verified) && verified.ValueKind is JsonValueKind.True or JsonValueKind.False
            ? verified.GetBoolean()
            : null;
}
