using AiSpm.Connectors.Remediation;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Remediation;
using AiSpm.Core.Rules;
using AiSpm.Core.Rules.Credentials;
using AiSpm.Core.Scans;
using AiSpm.Application.Scanning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSpm.Application.Remediation;

/// <summary>
/// When a scan run closes, hands every open exposed-key finding that names an AI Services account or a Search service
/// (attributed by fingerprint) to the rotator, under the rotation policy (Off, DryRun by default, Auto). A failed rotation is logged and audited and
/// retried at the next run; it never fails the scan.
/// </summary>
public sealed partial class KeyRotationListener(IFindingStore findings, AccountKeyRotator rotator, RotationPolicy policy, ILogger<KeyRotationListener>? logger = null, Connectors.Teams.TeamsWebhookClient? teams = null) : IRunCompletedListener
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Outcomes of the last run, for callers that report them.</summary>
    public IReadOnlyList<KeyRotationOutcome> LastOutcomes { get; private set; } = [];

    /// <inheritdoc />
    public async Task OnRunCompletedAsync(ScanRun run, CancellationToken cancellationToken)
    {
        if (policy.Mode == RotationMode.Off)
        {
            return;
        }

        var outcomes = new List<KeyRotationOutcome>();
        await foreach (var stored in findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open, RuleId: CredentialsExposedAiKey.Rule.Id), cancellationToken).ConfigureAwait(false))
        {
            var evidence = stored.Finding.Evidence;
            if (!evidence.TryGetValue("account", out var account) || RotatableKeyFamily.For(account) is null
                || !evidence.TryGetValue(RuleResult.SecretFingerprintEvidence, out var fingerprint))
            {
                continue;
            }

            var request = new KeyRotationRequest(fingerprint, account, stored.Finding.Key.RuleId, stored.Finding.Key.Id);
            try
            {
                var outcome = await rotator.RotateAsync(request, policy, cancellationToken).ConfigureAwait(false);
                outcomes.Add(outcome);
                RotationDone(_logger, account, outcome.Stage.ToString(), outcome.Message);
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
            {
                outcomes.Add(new KeyRotationOutcome(request, RotationStage.Planned, "failed: " + ex.Message.Split('\n')[0]));
                RotationFailed(_logger, account, ex);
            }
        }

        LastOutcomes = outcomes;
        if (teams is not null)
        {
            foreach (var outcome in outcomes.Where(o => o.Stage == RotationStage.Completed || o.Message.StartsWith("failed", StringComparison.Ordinal)))
            {
                try
                {
                    await teams.PostAsync(Notifications.TeamsCards.RotationAction(outcome).ToJsonString(), cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
                {
                    RotationFailed(_logger, outcome.Request.AccountId, ex);
                }
            }
        }
    }

    [LoggerMessage(EventId = 3410, Level = LogLevel.Information, Message = "Key rotation of {Account}: {Stage} ({Message})")]
    private static partial void RotationDone(ILogger logger, string account, string stage, string message);

    [LoggerMessage(EventId = 3411, Level = LogLevel.Warning, Message = "Key rotation of {Account} failed; it resumes at the next run")]
    private static partial void RotationFailed(ILogger logger, string account, Exception exception);
}
