using System.Diagnostics;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Collection;
using AiSpm.Core.Rules;

namespace AiSpm.Application.Scanning;

/// <summary>One scan of a tenant's Azure AI estate: collect, evaluate every rule, report. Stores nothing.</summary>
public sealed class TenantScanner(ArmConnection arm, RuleCatalog? rules = null, TimeProvider? time = null, Microsoft.Graph.GraphServiceClient? graph = null, byte[]? fingerprintKey = null, Func<Uri, string, Azure.Security.KeyVault.Secrets.SecretClient?>? vaults = null, bool scanCredentials = true, bool powerPlatform = false)
{
    private readonly RuleCatalog _rules = rules ?? RuleCatalog.Default;
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <summary>Scans the given subscriptions, or every subscription the identity can read when none are given.</summary>
    public async Task<ScanReport> ScanAsync(string scanId, IReadOnlyList<string>? subscriptions = null, AzureAiCollectorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var collector = new AzureAiCollector(arm, AzureAiCollectorOptions.WithClock(options, _time));
        var scope = subscriptions is { Count: > 0 } ? subscriptions : await collector.ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        var azure = collector.CollectAsync(scope, cancellationToken);
        // The attack-path reads run beside collection: alerts need only the scope, roles the identities of the inventory.
        var tables = new ResourceGraphEdgeCollector(arm);
        var alertsRead = tables.AiAlertsAsync(scope, cancellationToken);
        var directory = graph is null ? Task.FromResult<Connectors.Graph.DirectoryCollection?>(null) : CollectDirectoryAsync(graph, cancellationToken);
        var collection = await azure.ConfigureAwait(false);
        var rolesRead = tables.RoleAssignmentsAsync(scope, new Core.Inventory.Access.RoleAssignmentSelection(
            collection.Inventory.Resources.SelectMany(r => r.IdentityPrincipalIds).ToHashSet(StringComparer.OrdinalIgnoreCase),
            collection.Inventory.Resources.Select(r => Core.Inventory.AzureAi.ArmId.TopLevelOf(r.Id)).OfType<string>().ToHashSet(StringComparer.OrdinalIgnoreCase)), cancellationToken);
        var directoryCollection = await directory.ConfigureAwait(false);
        using var fingerprinter = new Core.Secrets.SecretFingerprinter(fingerprintKey ?? System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var agents = powerPlatform ? new Connectors.CopilotStudio.PowerPlatformCollector(arm, new Core.Secrets.SecretScanner(fingerprinter)) : null;
        var copilotStudio = agents is null ? Core.Inventory.CopilotStudio.CopilotStudioInventory.Empty : await agents.CollectAsync(cancellationToken).ConfigureAwait(false);
        var (credentials, credentialErrors) = scanCredentials
            ? await new CredentialSourceCollector(arm, fingerprinter, vaults: vaults).CollectAsync(scope, collection.Inventory, cancellationToken).ConfigureAwait(false)
            : (Core.Inventory.Credentials.CredentialInventory.Empty, (IReadOnlyList<CollectionError>)[]);
        var now = _time.GetUtcNow();
        var snapshot = new PostureSnapshot
        {
            Azure = collection.Inventory,
            Directory = directoryCollection?.Inventory ?? Core.Inventory.Directory.DirectoryInventory.Empty,
            Credentials = credentials,
            CopilotStudio = copilotStudio,
            EvaluatedAt = now,
        };
        var results = _rules.Evaluate(snapshot).ToList();
        // The findings are made once, here, for the report and the graph alike.
        var findings = results.Where(r => r.Outcome == RuleOutcome.Fail).Select(r => r.ToFinding()).ToList();

        // Attack paths, as a run's close decides them: on the graph of this scan's assets, edges and failures.
        var graphStarted = Stopwatch.GetTimestamp();
        var roles = await rolesRead.ConfigureAwait(false);
        var alerts = await alertsRead.ConfigureAwait(false);
        var securityGraph = Core.Graph.SecurityGraph.Of(snapshot, findings, [.. roles.Edges, .. alerts.Edges]);
        _rules.Evaluate(snapshot with { Graph = securityGraph }, result =>
        {
            results.Add(result);
            if (result.Outcome == RuleOutcome.Fail)
            {
                findings.Add(result.ToFinding());
            }
        }, rule => rule is Core.Rules.Paths.PathRule);
        var graphElapsed = Stopwatch.GetElapsedTime(graphStarted);
        var calls = arm.Calls.Snapshot().ToDictionary(c => c.Key, c => c.Value);
        if (directoryCollection is not null)
        {
            calls["graph"] = directoryCollection.Calls;
        }

        return new ScanReport(scanId, now, scope, collection.Inventory, results, [.. collection.Errors, .. credentialErrors, .. directoryCollection?.Errors ?? [], .. roles.Errors, .. alerts.Errors, .. agents?.Errors ?? []], calls, Stopwatch.GetElapsedTime(started)) { GraphElapsed = graphElapsed, Findings = findings, Policy = _rules.Policy };
    }

    private static async Task<Connectors.Graph.DirectoryCollection?> CollectDirectoryAsync(Microsoft.Graph.GraphServiceClient client, CancellationToken cancellationToken) =>
        await new Connectors.Graph.GraphDirectoryCollector(client).CollectAsync(cancellationToken).ConfigureAwait(false);
}
