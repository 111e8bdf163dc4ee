using System.Text.Json;
using AiSpm.Application.Scanning;
using AiSpm.Core.Audit;
using AiSpm.Core.Policy;
using AiSpm.Core.Ports;
using AiSpm.Core.Scans;

namespace AiSpm.Application.Policy;

/// <summary>
/// Writes an audit-chain entry (<c>policy.applied</c>) when a run closes under a policy the installation has not run
/// before — the first run, and every run after the policy changed (a different digest) — so auditors can tell which
/// baseline, exemptions and overrides every finding since was judged by. The digest last audited is kept in the
/// ledger under its own channel.
/// </summary>
public sealed class PolicyChangeAudit(ScanPolicy policy, IAuditLog audit, INotificationLedger ledger, TimeProvider? time = null) : IRunCompletedListener
{
    /// <summary>The ledger channel.</summary>
    public const string Channel = "policy";

    /// <summary>The audit action.</summary>
    public const string Action = "policy.applied";

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public async Task OnRunCompletedAsync(ScanRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var digest = policy.Digest();
        var last = await ledger.ReadAsync(Channel, cancellationToken).ConfigureAwait(false);
        if (last.GetValueOrDefault("digest") == digest)
        {
            return;
        }

        await audit.AppendAsync(new AuditRecord("aispm", Action, policy.Source, JsonSerializer.Serialize(new
        {
            runId = run.RunId,
            baseline = policy.Baseline.Name,
            version = policy.Baseline.Version,
            digest,
            previousDigest = last.GetValueOrDefault("digest"),
            summary = policy.Summary(),
            enabled = policy.EnabledRules,
            disabled = policy.DisabledRules,
            severityOverrides = policy.SeverityOverrides.Select(o => new { o.RuleId, severity = o.Severity.ToString(), o.Reason }),
            exemptions = policy.Exemptions.Select(e => new { e.Id, e.Rules, e.Owner, e.ExpiresAt, e.Justification }),
            sanctionedApps = policy.SanctionedApps.Select(a => new { a.AppId, a.PublisherId, a.Reason }),
            knownBots = policy.KnownBots.Select(b => new { b.Name, b.Reason }),
        })), cancellationToken).ConfigureAwait(false);
        await ledger.MarkSentAsync(Channel, "digest", digest, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }
}
