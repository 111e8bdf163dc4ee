using System.Security.Cryptography;
using System.Text;
using AiSpm.Connectors.Teams;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Scans;
using AiSpm.Application.Scanning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSpm.Application.Notifications;

/// <summary>
/// Posts to Teams when a run closes: one card per open high/critical finding whose state (severity, reopen count)
/// was not announced yet, then a digest when the open findings changed since the last digest. A targeted re-scan
/// (after a change event) looks only at its resource's findings and leaves the digest to full scans, so a change
/// event costs the same whatever the size of the tenant. What was sent is
/// recorded in the notification ledger after each successful post, so nothing is announced twice and a failed post
/// is retried after the next run. Notifications never fail or hold up a scan: errors are logged, and the whole
/// round has a time budget.
/// </summary>
public sealed class TeamsNotifier(
    IFindingStore findings,
    ISuppressionStore suppressions,
    INotificationLedger ledger,
    TeamsWebhookClient poster,
    TeamsNotifierOptions options,
    ILogger? logger = null,
    TimeProvider? time = null,
    Core.Policy.ScanPolicy? policy = null) : IRunCompletedListener
{
    /// <summary>The ledger channel.</summary>
    public const string Channel = "teams";

    /// <summary>The ledger state of an announced finding a policy exemption holds.</summary>
    public const string ExemptedState = "exempted";

    /// <summary>The ledger key of the digest.</summary>
    public const string DigestKey = "digest";

    private readonly ILogger _logger = logger ?? NullLogger.Instance;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>The state a finding is announced in: a new severity or a reopening is news again.</summary>
    public static string StateOf(StoredFinding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        return $"open|{finding.Finding.Severity}|r{finding.ReopenCount}";
    }

    /// <inheritdoc />
    public async Task OnRunCompletedAsync(ScanRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        budget.CancelAfter(options.Budget);
        var sent = 0;
        try
        {
            var token = budget.Token;
            var now = _time.GetUtcNow();
            var open = await findings.QueryAllAsync(run.OpenFindingsQuery(), token).Where(f => run.Covers(f.Finding.Key.ResourceId)).ToListAsync(token).ConfigureAwait(false);
            var accepted = new HashSet<string>(StringComparer.Ordinal);
            await foreach (var suppression in suppressions.ListAsync(token).ConfigureAwait(false))
            {
                if (suppression.IsActiveAt(now))
                {
                    accepted.Add(suppression.FindingId);
                }
            }

            var announced = await ledger.ReadAsync(Channel, token).ConfigureAwait(false);
            var exempted = await findings.QueryAllAsync(run.OpenFindingsQuery() with { Status = FindingStatus.Exempted }, token).Where(f => run.Covers(f.Finding.Key.ResourceId)).ToListAsync(token).ConfigureAwait(false);
            foreach (var held in exempted.Where(f => announced.TryGetValue(f.Finding.Key.Id, out var state) && state != ExemptedState))
            {
                // An announced finding that a policy exemption now holds: when the exemption expires (or leaves the
                // policy) the finding is open again, and responders hear of it again.
                await ledger.MarkSentAsync(Channel, held.Finding.Key.Id, ExemptedState, _time.GetUtcNow(), token).ConfigureAwait(false);
            }

            var alerts = open
                .Where(f => f.Finding.Severity >= options.AlertSeverity && !accepted.Contains(f.Finding.Key.Id)
                    && announced.GetValueOrDefault(f.Finding.Key.Id) != StateOf(f))
                .OrderByDescending(f => f.Finding.Severity).ThenBy(f => f.FirstSeen).ThenBy(f => f.Finding.Key.Id, StringComparer.Ordinal)
                .Take(options.MaxAlertsPerRun)
                .ToList();
            foreach (var alert in alerts)
            {
                await poster.PostAsync(TeamsCards.FindingAlert(alert, docs: options.RuleDocs).ToJsonString(), token).ConfigureAwait(false);
                await ledger.MarkSentAsync(Channel, alert.Finding.Key.Id, StateOf(alert), _time.GetUtcNow(), token).ConfigureAwait(false);
                sent++;
            }

            var digestState = DigestState(open);
            var digest = run.TargetResourceId is null ? "unchanged" : "after full scans only";
            if (run.TargetResourceId is null && announced.GetValueOrDefault(DigestKey) != digestState)
            {
                var newInRun = open.Count(f => f.LastScanId == run.RunId && f.FirstSeen == f.LastSeen);
                var resolved = await findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Resolved, ResolvedSince: run.StartedAt), token).CountAsync(token).ConfigureAwait(false);
                await poster.PostAsync(TeamsCards.Digest(run, open, newInRun, resolved, options.DigestTopRisks, options.ReportUri, exempted, policy?.Summary()).ToJsonString(), token).ConfigureAwait(false);
                await ledger.MarkSentAsync(Channel, DigestKey, digestState, _time.GetUtcNow(), token).ConfigureAwait(false);
                digest = "sent";
            }

            NotificationLog.RunNotified(_logger, run.RunId, sent, digest);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            NotificationLog.NotificationFailed(_logger, run.RunId, sent, ex is OperationCanceledException ? "time budget spent" : $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private static string DigestState(IEnumerable<StoredFinding> open)
    {
        var canonical = string.Join('\n', open.Select(f => $"{f.Finding.Key.Id}:{StateOf(f)}").Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)).AsSpan(0, 16));
    }
}
