using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Rules.Credentials;
using AiSpm.Core.Scans;
using AiSpm.Core.Secrets;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSpm.Application.Scanning;

/// <summary>
/// Attributes exposed keys across shards when a run closes. A shard attributes a key only to accounts of its own
/// subscriptions, but keys are often pasted into apps of other subscriptions than the shared AI account's (a central
/// AI subscription serving many application subscriptions). For each open AISPM-3001 finding of the run that is still
/// unattributed and names an endpoint beside the key, the account that endpoint names is looked up in the inventory
/// of the whole run, its keys are listed once (in memory, fingerprinted, dropped) and the finding gains the account and
/// slot when a fingerprint matches, before notifications and remediation see the run. A run started by a change to
/// one site, container app or deployment reads no accounts of its own, so there the accounts of the source's own
/// subscription are candidates as well, as in a full scan's shard. Nothing is guessed: a fingerprint must match
/// exactly one key, and when the keys cannot be listed the finding stays unattributed.
/// </summary>
public sealed partial class CrossScopeKeyAttribution(IFindingStore findings, IAssetStore assets, ArmRestClient arm, byte[] fingerprintKey, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Attributes what it can; returns how many findings gained an account.</summary>
    public async Task<int> AttributeAsync(ScanRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        var targeted = run.TargetResourceId is not null;
        var pending = await findings.QueryAllAsync(run.OpenFindingsQuery() with { RuleId = CredentialsExposedAiKey.Rule.Id }, cancellationToken)
            .Select(f => f.Finding)
            .Where(f => run.Covers(f.Key.ResourceId) && CredentialsExposedAiKey.IsUnattributed(f) && (targeted || f.Evidence.ContainsKey("endpoint")))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return 0;
        }

        var inventory = await AccountsAsync(cancellationToken).ConfigureAwait(false);
        using var fingerprinter = new SecretFingerprinter(fingerprintKey);
        var keys = new Dictionary<string, AccountKeyFingerprints?>(StringComparer.OrdinalIgnoreCase);
        var attributed = 0;
        foreach (var finding in pending)
        {
            if (!SecretFingerprint.TryParse(finding.SecretFingerprint, out var exposed))
            {
                continue;
            }

            var host = finding.Evidence.GetValueOrDefault("endpoint");
            var candidates = inventory.Candidates(host, targeted ? ArmId.SubscriptionOf(finding.Key.ResourceId) : null);
            var accounts = new List<AccountKeyFingerprints>();
            foreach (var accountId in candidates)
            {
                if (!keys.TryGetValue(accountId, out var account))
                {
                    keys[accountId] = account = await ListKeysAsync(accountId, fingerprinter, cancellationToken).ConfigureAwait(false);
                }

                if (account is not null)
                {
                    accounts.Add(account);
                }
            }

            if (KeyAttribution.Attribute(exposed, host, accounts) is { } attribution
                && await findings.AmendAsync(CredentialsExposedAiKey.WithAttribution(finding, attribution), cancellationToken).ConfigureAwait(false))
            {
                attributed++;
            }
        }

        Attributed(_logger, run.RunId, pending.Count, attributed, keys.Count);
        return attributed;
    }

    /// <summary>The accounts and Search services of the installation's inventory, by endpoint label and by subscription.</summary>
    private async Task<AccountDirectory> AccountsAsync(CancellationToken cancellationToken) =>
        AccountDirectory.Of(await assets.ListAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false));

    private async Task<AccountKeyFingerprints?> ListKeysAsync(string accountId, SecretFingerprinter fingerprinter, CancellationToken cancellationToken)
    {
        var family = RotatableKeyFamily.For(accountId)!;
        try
        {
            var listed = await arm.PostActionAsync(accountId, family.ListAction, family.ApiVersion, cancellationToken: cancellationToken).ConfigureAwait(false);
            return AccountKeyFingerprints.FromKeyList(accountId, listed, fingerprinter);
        }
        catch (RequestFailedException ex)
        {
            // Local auth off (keys refused) or no permission to list them: the finding stays unattributed.
            KeysUnavailable(_logger, accountId, ex.Status);
            return null;
        }
    }

    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Run {RunId}: {Pending} unattributed exposed keys with an endpoint, {Attributed} attributed across shards after listing the keys of {Accounts} accounts")]
    private static partial void Attributed(ILogger logger, string runId, int pending, int attributed, int accounts);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "Could not list the keys of {AccountId} ({Status}) to attribute an exposed key")]
    private static partial void KeysUnavailable(ILogger logger, string accountId, int status);
}
