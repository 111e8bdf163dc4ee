using AiSpm.Core.Rules;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiSpm.Core.Audit;
using AiSpm.Core.Compliance;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Suppressions;
using AiSpm.Application.Outputs;
using AiSpm.Application.Scanning;

namespace AiSpm.Application.Exports;

/// <summary>
/// Writes the evidence ZIP of an installation: findings (CSV and OCSF), inventory, per-framework control status,
/// suppressions with justifications, scan runs, the audit chain with its hashes, and a manifest with the SHA-256 of
/// every file. Everything comes from the stores; nothing holds a secret value (findings carry only a fingerprint
/// and a masked hint).
/// </summary>
public sealed class EvidenceExporter(
    IFindingStore findings,
    IAssetStore assets,
    IScanRunStore runs,
    ISuppressionStore suppressions,
    IAuditLog audit,
    TimeProvider? time = null,
    IEdgeStore? edges = null,
    RuleCatalog? rules = null)
{
    private readonly RuleCatalog _rules = rules ?? RuleCatalog.Default;

    /// <summary>How many recent runs go into scan-runs.json.</summary>
    public const int RunsExported = 500;

    /// <summary>Writes the ZIP to <paramref name="destination"/> and returns its manifest.</summary>
    public async Task<EvidenceManifest> ExportAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var now = (time ?? TimeProvider.System).GetUtcNow();
        var stored = await AllFindingsAsync(cancellationToken).ConfigureAwait(false);
        var accepted = new Dictionary<string, Suppression>(StringComparer.Ordinal);
        await foreach (var suppression in suppressions.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            accepted[suppression.FindingId] = suppression;
        }

        var inventory = await assets.ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var recentRuns = await runs.ListRecentAsync(RunsExported, cancellationToken).ConfigureAwait(false);
        var chain = await audit.ReadAsync(cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var chainCheck = AuditChain.Verify(chain);

        var files = new List<(string Path, byte[] Content)>
        {
            (EvidenceFiles.FindingsCsv, Encoding.UTF8.GetBytes(FindingsCsv.Write(stored, accepted, now))),
            (EvidenceFiles.FindingsOcsf, Encoding.UTF8.GetBytes(OcsfWriter.Build(stored, accepted, now).ToJsonString(EvidenceJson.Options))),
            (EvidenceFiles.Inventory, Json(inventory.OrderBy(a => a.Class).ThenBy(a => a.ResourceId, StringComparer.OrdinalIgnoreCase).Select(Outputs.InventoryEntry.Of))),
            (EvidenceFiles.CycloneDx, CycloneDxBom.Write(inventory, await EdgesAsync(inventory, cancellationToken).ConfigureAwait(false), stored, now, Guid.NewGuid())),
            (EvidenceFiles.Suppressions, Json(accepted.Values.OrderBy(s => s.FindingId, StringComparer.Ordinal).Select(s => new
            {
                s.FindingId,
                s.Scope,
                s.Justification,
                s.CreatedBy,
                s.CreatedAt,
                s.ExpiresAt,
                Active = s.IsActiveAt(now),
            }))),
            (EvidenceFiles.ScanRuns, Json(recentRuns.Select(r => new
            {
                r.RunId,
                r.Trigger,
                r.Status,
                r.StartedAt,
                r.CompletedAt,
                r.ShardsPlanned,
                r.ShardsCompleted,
                r.ShardsFailed,
                Summary = r.SummaryJson is null ? null : JsonNode.Parse(r.SummaryJson),
            }))),
            (EvidenceFiles.Audit, Json(new
            {
                Algorithm = "SHA-256 over a JSON array [sequence, timestamp, actor, action, target, details, previousHash]",
                GenesisHash = AuditChain.GenesisHash,
                Intact = chainCheck.IsIntact,
                chainCheck.HeadHash,
                Entries = chain.Select(AuditExtractEntry.From),
            })),
            (EvidenceFiles.Policy, Json(PolicyEvidence(now))),
        };
        // Exempted findings are accepted risks: they count for compliance as suppressed ones do (RiskAccepted), and the
        // rules the policy leaves out are not evaluated, so their controls are not assessed rather than passing.
        var open = stored.Where(f => f.Status is FindingStatus.Open or FindingStatus.Exempted).Select(f => f.Finding).ToList();
        var acceptedNow = accepted.Values.Where(a => a.IsActiveAt(now)).Select(a => a.FindingId).ToHashSet(StringComparer.Ordinal);
        var exemptedNow = stored.Where(f => f.Status == FindingStatus.Exempted).Select(f => f.Finding.Key.Id).ToHashSet(StringComparer.Ordinal);
        acceptedNow.UnionWith(exemptedNow);
        var evaluated = _rules.Evaluated.Select(r => r.Descriptor.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var assessment in new ComplianceEvaluator(_rules).Evaluate(open, evaluated, acceptedNow))
        {
            files.Add(($"{EvidenceFiles.ComplianceFolder}{assessment.Framework.Id}.json", Json(new
            {
                Framework = new { assessment.Framework.Id, assessment.Framework.Name, assessment.Framework.Version },
                DataVersion = ComplianceFrameworks.DataVersion,
                GeneratedAt = now,
                Summary = new
                {
                    Failing = assessment.Count(ControlStatus.Failing),
                    RiskAccepted = assessment.Count(ControlStatus.RiskAccepted),
                    Passing = assessment.Count(ControlStatus.Passing),
                    NotAssessed = assessment.Count(ControlStatus.NotAssessed),
                },
                Controls = assessment.Controls.Select(c => new
                {
                    c.Control.Id,
                    c.Control.Title,
                    c.Status,
                    Rules = c.RuleIds,
                    FindingIds = c.FindingIds,
                    SuppressedFindingIds = c.AcceptedFindingIds.Where(id => !exemptedNow.Contains(id)).ToList(),
                    ExemptedFindingIds = c.AcceptedFindingIds.Where(exemptedNow.Contains).ToList(),
                }),
            })));
        }

        var manifest = new EvidenceManifest(
            EvidenceFiles.Format,
            ProductInfo.Name,
            ProductInfo.Version,
            now,
            ComplianceFrameworks.DataVersion,
            chain.Count,
            chainCheck.HeadHash,
            files.Select(f => new EvidenceFile(f.Path, Sha256(f.Content), f.Content.LongLength)).ToList());

        using (var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (path, content) in files.Append((EvidenceFiles.Manifest, Json(manifest))))
            {
                var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
                entry.LastWriteTime = now;
                var stream = await entry.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (stream.ConfigureAwait(false))
                {
                    await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return manifest;
    }

    /// <summary>Lower-case hex SHA-256.</summary>
    public static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    private static byte[] Json<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, EvidenceJson.Options);

    /// <summary>Writes only the AI-BOM (CycloneDX 1.6 JSON) of the installation to <paramref name="destination"/>.</summary>
    public async Task ExportBomAsync(Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        var inventory = await assets.ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var bom = CycloneDxBom.Write(inventory, await EdgesAsync(inventory, cancellationToken).ConfigureAwait(false), await AllFindingsAsync(cancellationToken).ConfigureAwait(false), (time ?? TimeProvider.System).GetUtcNow(), Guid.NewGuid());
        await destination.WriteAsync(bom, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The stored edges and the <c>contains</c> edges read off <paramref name="inventory"/> (a store written before they
    /// were derived may still hold some: those are left out, so each appears once).
    /// </summary>
    private async Task<List<Core.Graph.GraphEdge>> EdgesAsync(IReadOnlyList<Core.Assets.Asset> inventory, CancellationToken cancellationToken)
    {
        var stored = edges is null ? [] : await edges.ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. Core.Graph.GraphEdges.KeptInStore(stored), .. Core.Graph.GraphEdges.ContainmentOf(inventory)];
    }

    private async Task<List<StoredFinding>> AllFindingsAsync(CancellationToken cancellationToken)
    {
        var all = await findings.QueryAllAsync(new FindingQuery(), cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return all.OrderByDescending(f => f.Finding.Severity).ThenBy(f => f.Finding.Key.RuleId, StringComparer.Ordinal).ThenBy(f => f.Finding.Key.Id, StringComparer.Ordinal).ToList();
    }

    /// <summary>The policy the findings were judged by: baseline, every rule with whether it ran and at which severity, exemptions (and whether still active), sanctioned apps, known bots.</summary>
    private object PolicyEvidence(DateTimeOffset now)
    {
        var policy = _rules.Policy ?? Core.Policy.ScanPolicy.Default;
        return new
        {
            Baseline = policy.Baseline.Name,
            policy.Baseline.Version,
            policy.Source,
            Digest = policy.Digest(),
            Summary = policy.Summary(),
            policy.Settings,
            Rules = _rules.Rules.Select(r => r.Descriptor).Select(d => (Rule: d, Override: policy.OverrideOf(d.Id))).Select(r => new
            {
                r.Rule.Id,
                r.Rule.Name,
                Evaluated = policy.Evaluates(r.Rule),
                Severity = (r.Override?.Severity ?? r.Rule.Severity).ToString(),
                SeverityOverride = r.Override is { } o ? $"{r.Rule.Severity} → {o.Severity}: {o.Reason}" : null,
            }),
            Exemptions = policy.Exemptions.Select(e => new
            {
                e.Id,
                e.Rules,
                e.Subscription,
                e.ResourceGroup,
                e.Resource,
                Tag = e.Tag is { } t ? $"{t.Key}={t.Value}" : null,
                e.AppId,
                e.Justification,
                e.Owner,
                e.ExpiresAt,
                Active = now < e.ExpiresAt,
            }),
            SanctionedApps = policy.SanctionedApps,
            KnownBots = policy.KnownBots,
        };
    }

}
