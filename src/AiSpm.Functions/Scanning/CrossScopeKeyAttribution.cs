using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Assets;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Core.Rules.Credentials;
using AiSpm.Core.Scans;
using AiSpm.Core.Secrets;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSpm.Functions.Scanning;

/// <summary>
/// Attributes exposed keys across shards when a full scan closes. A shard attributes a key only to accounts of its own
/// subscriptions, but keys are often pasted into apps of other subscriptions than the shared AI account's (a central
/// AI subscription serving many application subscriptions). For each open AISPM-3001 finding of the run that is still
/// unattributed and names an endpoint beside the key, the account that endpoint names is looked up in the inventory
/// of the whole run, its keys are listed once (in memory, fingerprinted, dropped) and the finding gains the account and
/// slot when a fingerprint matches, before notifications and remediation see the run. Nothing is guessed: without an
/// endpoint, or when the keys cannot be listed, the finding stays unattributed.
/// </summary>
public sealed partial class CrossScopeKeyAttribution(IFindingStore findings, IAssetStore assets, ArmRestClient arm, byte[] fingerprintKey, ILogger? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger.Instance;

    /// <summary>Attributes what it can; returns how many findings gained an account.</summary>
    public async Task<int> AttributeAsync(ScanRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.TargetResourceId is not null)
        {
            return 0; // Credential sources are read by full scans only.
        }

        var pending = await findings.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open, RuleId: CredentialsExposedAiKey.Rule.Id), cancellationToken)
            .Select(f => f.Finding)
            .Where(f => CredentialsExposedAiKey.IsUnattributed(f) && f.Evidence.ContainsKey("endpoint"))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return 0;
        }

        var byHost = await AccountsByHostAsync(cancellationToken).ConfigureAwait(false);
        using var fingerprinter = new SecretFingerprinter(fingerprintKey);
        var keys = new Dictionary<string, AccountKeyFingerprints?>(StringComparer.OrdinalIgnoreCase);
        var attributed = 0;
        foreach (var finding in pending)
        {
            var host = finding.Evidence["endpoint"];
            if (!byHost.TryGetValue(HostLabel(host), out var accountId) || !SecretFingerprint.TryParse(finding.SecretFingerprint, out var exposed))
            {
                continue;
            }

            if (!keys.TryGetValue(accountId, out var account))
            {
                keys[accountId] = account = await ListKeysAsync(accountId, fingerprinter, cancellationToken).ConfigureAwait(false);
            }

            if (account is not null && KeyAttribution.Attribute(exposed, host, [account]) is { } attribution
                && await findings.AmendAsync(CredentialsExposedAiKey.WithAttribution(finding, attribution), cancellationToken).ConfigureAwait(false))
            {
                attributed++;
            }
        }

        Attributed(_logger, run.RunId, pending.Count, attributed, keys.Count);
        return attributed;
    }

    /// <summary>The first DNS label of an endpoint host (<c>oai-x</c> of <c>oai-x.openai.azure.com</c>), lower case.</summary>
    private static string HostLabel(string host)
    {
        var trimmed = host.Trim().TrimEnd('.').ToLowerInvariant();
        var dot = trimmed.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? trimmed : trimmed[..dot];
    }

    /// <summary>Accounts whose keys AiSpm can list, by the label their endpoints start with (custom subdomain, else name).</summary>
    private async Task<Dictionary<string, string>> AccountsByHostAsync(CancellationToken cancellationToken)
    {
        var byHost = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var ambiguous = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var asset in assets.ListAsync(cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (RotatableKeyFamily.For(asset.ResourceId) is null || asset.ResourceId.Count(c => c == '/') != 8)
            {
                continue; // not an account or search service (or one of their children)
            }

            foreach (var label in Labels(asset))
            {
                if (!byHost.TryAdd(label, asset.ResourceId) && !string.Equals(byHost[label], asset.ResourceId, StringComparison.OrdinalIgnoreCase))
                {
                    ambiguous.Add(label);
                }
            }
        }

        foreach (var label in ambiguous)
        {
            byHost.Remove(label); // two accounts answer to the name: do not guess
        }

        return byHost;
    }

    private static IEnumerable<string> Labels(Asset asset)
    {
        yield return asset.Name.ToLowerInvariant();
        if (asset.PropertiesJson is null)
        {
            yield break;
        }

        using var properties = JsonDocument.Parse(asset.PropertiesJson);
        if (properties.RootElement.TryGetProperty("customSubDomainName", out var subdomain) && subdomain.ValueKind == JsonValueKind.String && subdomain.GetString() is { Length: > 0 } label)
        {
            yield return label.ToLowerInvariant();
        }
    }

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
