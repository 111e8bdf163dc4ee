using AiSpm.Connectors.Remediation;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Rules;
using AiSpm.Core.Rules.Credentials;
using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>
/// The <c>StartRotations</c> activity, the last step of every scan: for each open exposed-key finding attributed (by
/// fingerprint) to an AI Services / Azure OpenAI account or a Search service, starts or joins that exposure's
/// <c>RotateExposedKey</c> instance in the installation's mode. One instance per exposure and one rotation per account
/// at a time (<see cref="RotationStarter"/>). Off starts nothing.
/// </summary>
public sealed partial class StartRotationsActivity(IFindingStore findings, RotationOptions options, ILogger<StartRotationsActivity> logger)
{
    /// <summary>Runs the activity with the host's durable client; returns what it did in one line.</summary>
    public async Task<string> RunAsync(DurableTaskClient client, string runId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (options.Mode.ToFlow() is not { } flow)
        {
            return "rotation is off";
        }

        var counts = new Dictionary<RotationStart, int>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var stored in findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open, RuleId: CredentialsExposedAiKey.Rule.Id), cancellationToken).ConfigureAwait(false))
        {
            var evidence = stored.Finding.Evidence;
            if (!evidence.TryGetValue("account", out var account) || RotatableKeyFamily.For(account) is null
                || (stored.Finding.SecretFingerprint ?? evidence.GetValueOrDefault(RuleResult.SecretFingerprintEvidence)) is not { Length: > 0 } fingerprint
                || !seen.Add(RotateExposedKeyOrchestration.InstanceIdFor(fingerprint, account)))
            {
                continue;
            }

            var rotation = new ExposedKeyRotation(fingerprint, account, stored.Finding.Key.RuleId, stored.Finding.Key.Id, flow, options.ConsumerWait, options.ApprovalTimeout);
            var (instanceId, start) = await RotationStarter.StartAsync(client, rotation, cancellationToken).ConfigureAwait(false);
            counts[start] = counts.GetValueOrDefault(start) + 1;
            Asked(logger, account, instanceId, start.ToString(), runId);
        }

        return $"{options.Mode}: {counts.GetValueOrDefault(RotationStart.Started)} started, {counts.GetValueOrDefault(RotationStart.Joined)} already running, " +
            $"{counts.GetValueOrDefault(RotationStart.AccountBusy)} waiting for another rotation of their account, {counts.GetValueOrDefault(RotationStart.Ended)} already ended";
    }

    [LoggerMessage(EventId = 3410, Level = LogLevel.Information, Message = "Rotation of an exposed key of {Account} ({InstanceId}): {Start} after run {RunId}")]
    private static partial void Asked(ILogger logger, string account, string instanceId, string start, string runId);
}
