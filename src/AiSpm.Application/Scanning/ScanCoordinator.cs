using System.Globalization;
using System.Text.Json;
using AiSpm.Connectors.Arm;
using AiSpm.Connectors.Collection;
using AiSpm.Connectors.Diagnostics;
using AiSpm.Core.Assets;
using AiSpm.Core.Findings;
using AiSpm.Core.Graph;
using AiSpm.Core.Inventory.AzureAi;
using AiSpm.Core.Ports;
using AiSpm.Core.Rules;
using AiSpm.Core.Scans;

namespace AiSpm.Application.Scanning;

/// <summary>
/// The steps of a scan, as the durable orchestrations call them (through the activities): plan a run and its shards;
/// scan a shard (collect, evaluate the rules, record findings and assets, resolve what the shard's scope no longer
/// shows); close the run (cross-shard key attribution, summary); notify. Every step is idempotent, so an activity
/// that runs twice (the engine delivers at least once) leaves the same result.
/// </summary>
public sealed partial class ScanCoordinator(
    ArmConnection arm,
    IFindingStore findings,
    IAssetStore assets,
    IScanRunStore runs,
    ScanOptions options,
    IEnumerable<IRunCompletedListener>? listeners = null,
    RuleCatalog? rules = null,
    TimeProvider? time = null,
    AzureAiCollectorOptions? collectorOptions = null,
    Microsoft.Graph.GraphServiceClient? graph = null,
    Func<Uri, string, Azure.Security.KeyVault.Secrets.SecretClient?>? vaults = null,
    IEdgeStore? edges = null,
    Microsoft.Extensions.Logging.ILogger? logger = null,
    bool powerPlatform = false,
    ICopilotAdminImportStore? copilotImports = null,
    IShardGraphStore? shardGraphs = null)
{
    /// <summary>Shards resolve every finding but attack paths, which the run's close decides on the whole graph.</summary>
    private static readonly Func<string, bool> NotPaths = ruleId => !Core.Rules.Paths.PathRule.IsPathRule(ruleId);

    private readonly RuleCatalog _rules = rules ?? RuleCatalog.Default;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly List<IRunCompletedListener> _listeners = listeners?.ToList() ?? [];
    private readonly CrossScopeKeyAttribution? _keyAttribution = options.ScanCredentials && options.FingerprintKey is { } key
        ? new CrossScopeKeyAttribution(findings, assets, new ArmRestClient(arm), key)
        : null;
    private readonly AttackPathEvaluator? _paths = edges is null ? null : new AttackPathEvaluator(findings, assets, edges, rules ?? RuleCatalog.Default, logger, new ResourceGraphEdgeCollector(arm), shardGraphs,
        // Cross-scope key attribution amends exposed-key findings at the close, before the paths: those are read as amended.
        amendedAtClose: options.ScanCredentials && options.FingerprintKey is not null ? new HashSet<string>(StringComparer.Ordinal) { Core.Rules.Credentials.CredentialsExposedAiKey.Rule.Id } : null);

    /// <summary>The edge relations a full scan's close reads from what the shards recorded (a shard hands it those of its edges).</summary>
    private readonly IReadOnlySet<string> _closingRelations = AttackPathEvaluator.StoredRelationsRead(rules ?? RuleCatalog.Default);

    /// <summary>The rules whose open findings the close joins into attack paths (a shard hands it those of its scopes).</summary>
    private readonly IReadOnlySet<string> _memberRules = AttackPathEvaluator.MemberRulesOf(rules ?? RuleCatalog.Default);

    /// <summary>Adds a listener told when a run closes (remediation, notifications).</summary>
    public void AddListener(IRunCompletedListener listener) => _listeners.Add(listener ?? throw new ArgumentNullException(nameof(listener)));

    /// <summary>Plans a full scan and records its run; the FullScan orchestration runs the shards.</summary>
    /// <param name="trigger">What started the scan.</param>
    /// <param name="planKey">The same for every attempt of one plan step: a second attempt finds the run the first recorded.</param>
    /// <param name="at">When the plan step was scheduled (dates the run); null for now.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<(ScanRun Run, IReadOnlyList<ScanShard> Shards)> PlanFullScanAsync(string trigger, string? planKey = null, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        var subscriptions = options.Subscriptions.Count > 0
            ? options.Subscriptions.ToList()
            : await new AzureAiCollector(arm, collectorOptions).ListSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        var runId = NewRunId("scan", planKey, at);
        var environments = powerPlatform ? await PowerPlatformEnvironmentsAsync(cancellationToken).ConfigureAwait(false) : null;
        // The access shard refreshes the roles and alerts while the others run, when the close reads the shards' parts.
        var shards = ScanPlanner.PlanFullScan(runId, subscriptions, options.SubscriptionsPerShard, includeDirectory: graph is not null, environments: environments,
            includeAccess: _paths is not null && shardGraphs is not null);
        return (await RecordRunAsync(runId, trigger, shards.Count, at, cancellationToken).ConfigureAwait(false), shards);
    }

    /// <summary>Plans and records a targeted re-scan of one resource; the ResourceScan orchestration runs its shard.</summary>
    public async Task<(ScanRun Run, IReadOnlyList<ScanShard> Shards)> PlanResourceScanAsync(string trigger, string resourceId, string? planKey = null, DateTimeOffset? at = null, CancellationToken cancellationToken = default)
    {
        var runId = NewRunId("event", planKey, at);
        var shards = ScanPlanner.PlanResourceScan(runId, resourceId);
        return (await RecordRunAsync(runId, trigger, shards.Count, at, cancellationToken, resourceId).ConfigureAwait(false), shards);
    }

    /// <summary>
    /// Collects, evaluates and records one shard, and resolves what its scope no longer shows, without counting it into
    /// the run (the durable fan-out counts by itself). Safe to call again for the same shard.
    /// </summary>
    public async Task<ShardScan> ScanShardAsync(ScanShard shard, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(shard);
        var run = await runs.GetAsync(shard.RunId, cancellationToken).ConfigureAwait(false)
            ?? throw new ShardRejectedException($"Shard {shard.Index} names scan run '{shard.RunId}', which does not exist.");
        if (shard.Index >= run.ShardsPlanned)
        {
            throw new ShardRejectedException($"Shard {shard.Index} is outside the plan of run '{shard.RunId}' ({run.ShardsPlanned} shards).");
        }

        using var span = AiSpmTelemetry.Source.StartActivity("aispm.scan_shard");
        span?.SetTag("aispm.run_id", shard.RunId);
        span?.SetTag("aispm.shard.index", shard.Index);
        span?.SetTag("aispm.shard.kind", shard.Kind.ToString());
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var outcome = "error";
        try
        {
            var scan = await CollectAndRecordAsync(shard, cancellationToken).ConfigureAwait(false);
            outcome = scan.Failed ? "partial" : "ok";
            span?.SetTag("aispm.shard.assets", scan.Assets);
            span?.SetTag("aispm.shard.resolved", scan.Resolved);
            return scan;
        }
        finally
        {
            span?.SetTag("aispm.shard.outcome", outcome);
            AiSpmTelemetry.ShardDuration.Record(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>("kind", shard.Kind.ToString()), new KeyValuePair<string, object?>("outcome", outcome),
                new KeyValuePair<string, object?>("aispm.run_id", shard.RunId));
        }
    }

    /// <summary>
    /// Closes a run the durable fan-out ran: records how many shards completed and failed, attributes keys across
    /// shards and writes the summary, in one update of the run row. The orchestration tells the listeners (Teams)
    /// in a step of its own (<see cref="NotifyRunAsync"/>) and starts the rotations of exposed keys in the next.
    /// </summary>
    /// <param name="runId">The run.</param>
    /// <param name="shardsCompleted">Shards that ran to the end.</param>
    /// <param name="shardsFailed">Shards that failed or could not read everything.</param>
    /// <param name="tally">
    /// What every shard of a full scan left in its scopes, added up: the summary then counts only the attack paths in
    /// the store. Null (or a failed shard): the summary counts the findings table.
    /// </param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<ScanRun> CloseRunAsync(string runId, int shardsCompleted, int shardsFailed, FindingTally? tally = null, CancellationToken cancellationToken = default)
    {
        using var span = AiSpmTelemetry.Source.StartActivity("aispm.close_run");
        span?.SetTag("aispm.run_id", runId);
        var run = await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new ShardRejectedException($"Scan run '{runId}' does not exist.");
        if (run.Status != ScanRunStatus.Running)
        {
            return run; // closed by an earlier attempt of this step
        }

        return await CloseAsync(run with { ShardsCompleted = shardsCompleted + shardsFailed, ShardsFailed = shardsFailed }, shardsFailed == 0 && run.TargetResourceId is null ? tally : null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells the listeners (Teams) that a closed run completed.</summary>
    public async Task NotifyRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var run = await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new ShardRejectedException($"Scan run '{runId}' does not exist.");
        foreach (var listener in _listeners)
        {
            await listener.OnRunCompletedAsync(run, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The Power Platform environments with Dataverse, one shard each; when the admin API refuses, one shard that lists
    /// again and records the gap in the run.
    /// </summary>
    private async Task<IReadOnlyList<string>> PowerPlatformEnvironmentsAsync(CancellationToken cancellationToken)
    {
        var collector = new Connectors.CopilotStudio.PowerPlatformCollector(arm);
        var environments = await collector.ListEnvironmentsAsync(new Core.Inventory.CopilotStudio.CopilotStudioInventoryBuilder(_ => null), cancellationToken).ConfigureAwait(false);
        return collector.Errors.Count > 0 ? [ScanPlanner.AnyEnvironment] : environments.Where(e => e.DataverseUrl is not null).Select(e => e.Id).ToList();
    }

    /// <summary>Reads the Copilot Studio agents of the shard's environment (or, for <see cref="ScanPlanner.AnyEnvironment"/>, why none could be read).</summary>
    private async Task<(Core.Inventory.CopilotStudio.CopilotStudioInventory Inventory, IReadOnlyList<CollectionError> Errors)> CollectEnvironmentAsync(ScanShard shard, CancellationToken cancellationToken)
    {
        using var fingerprinter = new Core.Secrets.SecretFingerprinter(options.FingerprintKey ?? throw new InvalidOperationException("ScanOptions.FingerprintKey is not set."));
        // The builder scans the agents' content; the collector only reads into it.
        var collector = new Connectors.CopilotStudio.PowerPlatformCollector(arm);
        var builder = new Core.Inventory.CopilotStudio.CopilotStudioInventoryBuilder(Connectors.CopilotStudio.AgentComponentYaml.ToJson, new Core.Secrets.SecretScanner(fingerprinter));
        var environments = await collector.ListEnvironmentsAsync(builder, cancellationToken).ConfigureAwait(false);
        if (environments.FirstOrDefault(e => string.Equals(e.Id, shard.ResourceId, StringComparison.OrdinalIgnoreCase)) is { } environment)
        {
            await collector.CollectEnvironmentAsync(builder, environment, cancellationToken).ConfigureAwait(false);
        }
        else if (shard.ResourceId != ScanPlanner.AnyEnvironment && collector.Errors.Count == 0)
        {
            builder.NotCollected("powerplatform " + shard.ResourceId, "the environment is no longer listed");
        }

        return (builder.Build(), collector.Errors);
    }

    private async Task<ShardScan> CollectAndRecordAsync(ScanShard shard, CancellationToken cancellationToken)
    {
        var clock = new StageClock();
        if (shard.Kind == ScanShardKind.AzureAccess)
        {
            return await RefreshAccessAsync(shard, clock, cancellationToken).ConfigureAwait(false);
        }

        // The inventories are read and evaluated in a method of their own, so that they are garbage once it returns:
        // recording takes most of a shard's time, and what it needs (findings, assets, edges) is a small part of them.
        var (observed, undecided, failed, refused, stored, graphEdges, now) = await CollectAndEvaluateAsync(shard, clock, cancellationToken).ConfigureAwait(false);
        var resolves = !failed && !refused;

        // What the shard saw is recorded, and what it looked at but no longer saw is resolved, from one read of its scopes.
        // An environment that refused AiSpm resolves nothing but is still read whole, so the shard tallies its scope.
        var resolution = new UnseenResolution(ScanScopes.Of(shard), shard.ResourceId is null ? null : AzureAiCollector.TopLevelId(shard.ResourceId), undecided, NotPaths)
        {
            ResolvesNothing = refused,
        };
        var reconciled = !failed && resolution.Scopes.Count > 0
            ? await findings.ReconcileAsync(shard.RunId, observed, resolution, now, cancellationToken).ConfigureAwait(false)
            : new FindingReconciliation(await findings.RecordAsync(shard.RunId, observed, now, cancellationToken).ConfigureAwait(false), 0);
        clock.Lap("record findings");
        await assets.RecordAsync(shard.RunId, stored, now, cancellationToken).ConfigureAwait(false);
        clock.Lap("record assets");
        if (edges is not null)
        {
            await edges.RecordAsync(shard.RunId, graphEdges, now, cancellationToken).ConfigureAwait(false);
            clock.Lap("record edges");
            if (shardGraphs is not null && shard.Kind != ScanShardKind.AzureResource && await PartForTheCloseAsync(shard, resolves, stored, graphEdges, cancellationToken).ConfigureAwait(false) is { } graphPart)
            {
                // With its scopes read whole, the shard also hands the close their open findings of the member rules.
                var part = reconciled.KeptOpen is { } keptOpen ? graphPart with
                {
                    // As the store records them: the last observation of a finding is the one written.
                    OpenFindings = [.. observed.GroupBy(f => f.Key.Id, StringComparer.Ordinal).Select(g => g.Last()).Where(f => f.Exemption is null && _memberRules.Contains(f.Key.RuleId))],
                    OpenKept = [.. keptOpen.Where(k => _memberRules.Contains(k.RuleId) || Core.Rules.Paths.PathRule.IsPathRule(k.RuleId))],
                } : graphPart;
                await shardGraphs.WriteAsync(shard.RunId, shard.Index, part, now, cancellationToken).ConfigureAwait(false);
                clock.Lap("hand the graph to the close");
            }
        }

        var resolved = reconciled.Resolved;
        if (resolves && shard.ResourceId is { } resourceId)
        {
            foreach (var scope in ScanScopes.Of(shard))
            {
                // Children of the resource (deployments, computes, …) carry their own ids.
                resolved += await ResolveChildrenAsync(scope, shard.RunId, now, resourceId, undecided, cancellationToken).ConfigureAwait(false);
            }
        }

        if (logger is not null)
        {
            LogShardStages(logger, shard.RunId, shard.Index, shard.Kind, observed.Count, stored.Count, graphEdges.Count, resolved, clock);
        }

        // A re-scan of one resource (its children resolved apart) tallies nothing: its run's summary counts its resource.
        return new ShardScan(reconciled.Recorded, resolved, failed, stored.Count, shard.Kind == ScanShardKind.AzureResource ? null : reconciled.Tally);
    }

    /// <summary>
    /// The access shard: reads the role assignments and alerts of the plan's subscriptions from Resource Graph, refreshes
    /// them in the store and hands them to the close, which then neither queries nor writes them. A query that failed
    /// makes the shard incomplete (a coverage note), and the stored edges stand in for what it did not read.
    /// </summary>
    private async Task<ShardScan> RefreshAccessAsync(ScanShard shard, StageClock clock, CancellationToken cancellationToken)
    {
        if (edges is null || shardGraphs is null)
        {
            throw new InvalidOperationException($"Shard {shard.Index} of '{shard.RunId}' refreshes the Azure access, but no edge store or shard graph store is configured.");
        }

        var now = _time.GetUtcNow();
        var access = await new AccessEdgeRefresh(edges, new ResourceGraphEdgeCollector(arm), logger).RefreshAsync(shard.RunId, shard.Subscriptions, now, cancellationToken).ConfigureAwait(false);
        clock.Lap("query roles and alerts");
        await access.Writes.ConfigureAwait(false);
        clock.Lap("record edges");
        await shardGraphs.WriteAsync(shard.RunId, shard.Index, new ShardGraph([], access.Edges) { Access = new ShardGraphAccess(access.RolesComplete), OpenFindings = [], OpenKept = [] }, now, cancellationToken).ConfigureAwait(false);
        clock.Lap("hand the graph to the close");
        if (logger is not null)
        {
            LogShardStages(logger, shard.RunId, shard.Index, shard.Kind, 0, 0, access.Edges.Count, 0, clock);
        }

        // No finding scope is the access shard's: it adds nothing to the run's summary.
        return new ShardScan(FindingUpsertSummary.Empty, 0, !(access.RolesComplete && access.AlertsComplete), 0, FindingTally.Empty);
    }

    /// <summary>
    /// Collects the shard's inventories and evaluates the rules on them; returns what recording needs: the failures as
    /// findings, the ids of undecided checks, whether the collection failed or was refused, the assets and the edges.
    /// </summary>
    private async Task<ShardObservation> CollectAndEvaluateAsync(ScanShard shard, StageClock clock, CancellationToken cancellationToken)
    {
        var collector = new AzureAiCollector(arm, AzureAiCollectorOptions.WithClock(collectorOptions, _time));
        var changedSource = shard.Kind == ScanShardKind.AzureResource ? CredentialSourceCollector.SourceOf(shard.ResourceId!) : null;
        Connectors.Graph.DirectoryCollection? directory = null;
        var copilotStudio = Core.Inventory.CopilotStudio.CopilotStudioInventory.Empty;
        AzureAiCollection collection;
        if (shard.Kind == ScanShardKind.PowerPlatformEnvironment)
        {
            var (agents, errors) = await CollectEnvironmentAsync(shard, cancellationToken).ConfigureAwait(false);
            copilotStudio = agents;
            collection = new AzureAiCollection(AiInventory.Empty, errors, new Dictionary<string, int>(), 0);
        }
        else if (shard.Kind == ScanShardKind.Directory)
        {
            if (graph is null)
            {
                throw new InvalidOperationException($"Shard {shard.Index} of '{shard.RunId}' reads the directory, but no Microsoft Graph client is configured.");
            }

            // The delegated-only Copilot parts come from the newest administrator's import when Graph refuses this token.
            var import = copilotImports is null ? null : await copilotImports.LatestAsync(cancellationToken).ConfigureAwait(false);
            directory = await new Connectors.Graph.GraphDirectoryCollector(graph).CollectAsync(import, cancellationToken).ConfigureAwait(false);
            if (logger is not null && import is not null)
            {
                LogCopilotImport(logger, shard.RunId, import, directory.Inventory);
            }

            collection = new AzureAiCollection(AiInventory.Empty, directory.Errors, new Dictionary<string, int>(), 0);
        }
        else if (changedSource is not null)
        {
            // A site, container app or deployment changed: only its credentials are read below.
            collection = new AzureAiCollection(AiInventory.Empty, [], new Dictionary<string, int>(), 0);
        }
        else
        {
            collection = shard.Kind == ScanShardKind.AzureResource
                ? await collector.CollectResourceAsync(shard.ResourceId!, cancellationToken).ConfigureAwait(false)
                : await collector.CollectAsync(shard.Subscriptions, cancellationToken).ConfigureAwait(false);
        }

        var credentials = Core.Inventory.Credentials.CredentialInventory.Empty;
        var sourceFailed = false;
        if (options.ScanCredentials && (shard.Kind == ScanShardKind.AzureSubscriptions || changedSource is not null))
        {
            using var fingerprinter = new Core.Secrets.SecretFingerprinter(options.FingerprintKey ?? throw new InvalidOperationException("ScanOptions.FingerprintKey is not set."));
            var credentialCollector = new CredentialSourceCollector(arm, fingerprinter, vaults: vaults);
            var (found, credentialErrors) = shard.Kind == ScanShardKind.AzureSubscriptions
                ? await credentialCollector.CollectAsync(shard.Subscriptions, collection.Inventory, cancellationToken).ConfigureAwait(false)
                : await credentialCollector.CollectSourceAsync(changedSource!, cancellationToken).ConfigureAwait(false);
            credentials = found;
            sourceFailed = changedSource is not null && credentialErrors.Count > 0;
            collection = collection with { Errors = [.. collection.Errors, .. credentialErrors] };
        }

        clock.Lap("collect");

        // A changed credential source that was not read (credential scanning off, or the read failed) decides nothing.
        sourceFailed |= changedSource is not null && !options.ScanCredentials;
        var failed = sourceFailed || collection.Errors.Any(e => e.Operation.StartsWith("resourcegraph", StringComparison.Ordinal))
            || (directory is not null && directory.Inventory.ServicePrincipals.Count == 0 && directory.Errors.Count > 0);
        var now = _time.GetUtcNow();
        // Only failures (as findings) and the ids of undecided checks are kept; passes are dropped as they come, so a
        // large shard never holds every result at once.
        var observed = new List<Finding>();
        var undecided = new HashSet<string>(StringComparer.Ordinal);
        var snapshot = new PostureSnapshot
        {
            Azure = collection.Inventory,
            Directory = directory?.Inventory ?? Core.Inventory.Directory.DirectoryInventory.Empty,
            Credentials = credentials,
            CopilotStudio = copilotStudio,
            EvaluatedAt = now,
        };
        _rules.Evaluate(
            snapshot,
            result =>
            {
                if (result.Outcome == RuleOutcome.Fail)
                {
                    observed.Add(result.ToFinding());
                }
                else if (result.Outcome is RuleOutcome.Unknown or RuleOutcome.Error)
                {
                    undecided.Add(new FindingKey(result.Rule.Id, result.ResourceId, result.SubKey).Id);
                }
            });
        clock.Lap("evaluate");
        foreach (var severity in observed.GroupBy(f => f.Severity))
        {
            AiSpmTelemetry.FindingsObserved.Add(severity.Count(), new KeyValuePair<string, object?>("severity", severity.Key.ToString()), new KeyValuePair<string, object?>("aispm.run_id", shard.RunId));
        }

        // A Power Platform environment (or list) that refused AiSpm is a coverage note of the run, like a search service
        // that refuses its token — not a failed shard — and decides nothing about the agents it did not show.
        var refused = shard.Kind == ScanShardKind.PowerPlatformEnvironment && collection.Errors.Count > 0;
        var stored = InventoryAssets.Of(collection.Inventory)
            .Concat(directory is null ? [] : InventoryAssets.Of(directory.Inventory))
            .Concat(InventoryAssets.Of(credentials))
            .Concat(InventoryAssets.Of(copilotStudio)).ToList();
        List<GraphEdge> graphEdges = edges is null ? [] : [.. GraphEdges.KeptInStore(GraphEdges.Of(snapshot))];
        return new ShardObservation(observed, undecided, failed, refused, stored, graphEdges, now);
    }

    /// <summary>
    /// What a full scan's shard hands the close of the graph, so the close need not list the whole asset and edge tables:
    /// what it recorded; for an environment that refused AiSpm, what the store holds of it (its assets as recorded before,
    /// without edges: those were not seen again, as the tables would show the close); nothing for a shard that failed
    /// (the close then lists the tables, where older rows stand in).
    /// </summary>
    private async Task<ShardGraph?> PartForTheCloseAsync(ScanShard shard, bool resolves, IReadOnlyList<Asset> recorded, IReadOnlyList<GraphEdge> edgesRecorded, CancellationToken cancellationToken)
    {
        if (resolves)
        {
            return ShardGraph.Of(recorded, edgesRecorded, _closingRelations);
        }

        if (shard.Kind != ScanShardKind.PowerPlatformEnvironment || ScanScopes.Of(shard) is not { Count: > 0 } scopes)
        {
            return null;
        }

        var held = new List<Asset>();
        foreach (var scope in scopes)
        {
            held.AddRange(await assets.ListAsync(scope, withFacts: false, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        return ShardGraph.Of(held, [], _closingRelations);
    }

    /// <summary>Says which Copilot parts a directory shard took from an administrator's import, how old it is, and whether the rules will call it stale.</summary>
    private void LogCopilotImport(Microsoft.Extensions.Logging.ILogger log, string runId, Core.Inventory.Directory.CopilotAdminImport import, Core.Inventory.Directory.DirectoryInventory directory)
    {
        var parts = new[] { Core.Inventory.Directory.CopilotAdminImport.LimitedModePart, Core.Inventory.Directory.CopilotAdminImport.PackagesPart }
            .Where(p => directory.ImportOf(p) is not null).ToList();
        if (parts.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var maxAge = (_rules.Policy ?? Core.Policy.ScanPolicy.Default).Settings.CopilotImportMaxAgeDays;
        if (import.IsStale(now, maxAge))
        {
            LogCopilotImportStale(log, runId, import.Id, import.ImportedBy, import.AgeDays(now), maxAge);
        }
        else
        {
            LogCopilotImportUsed(log, runId, import.Id, import.ImportedBy, import.AgeDays(now), string.Join(", ", parts));
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 2322, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Run {RunId} shard {Index} ({Kind}): {Findings} findings, {Assets} assets, {Edges} edges, {Resolved} resolved ({Stages})")]
    private static partial void LogShardStages(Microsoft.Extensions.Logging.ILogger logger, string runId, int index, ScanShardKind kind, int findings, int assets, int edges, int resolved, StageClock stages);

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 2323, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Run {RunId} closing: {Stages}")]
    private static partial void LogCloseStages(Microsoft.Extensions.Logging.ILogger logger, string runId, StageClock stages);

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 2320, Level = Microsoft.Extensions.Logging.LogLevel.Information, Message = "Run {RunId}: {Parts} from the Copilot admin import {ImportId} by {ImportedBy}, {AgeDays} days old")]
    private static partial void LogCopilotImportUsed(Microsoft.Extensions.Logging.ILogger logger, string runId, string importId, string importedBy, int ageDays, string parts);

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 2321, Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Run {RunId}: the Copilot admin import {ImportId} by {ImportedBy} is {AgeDays} days old, older than copilotImportMaxAgeDays ({MaxAgeDays}): AISPM-2032/2033 are Unknown until 'aispm collect copilot-admin' runs again")]
    private static partial void LogCopilotImportStale(Microsoft.Extensions.Logging.ILogger logger, string runId, string importId, string importedBy, int ageDays, int maxAgeDays);

    /// <summary>Records the run, or finds it when an earlier attempt of the same plan step recorded it.</summary>
    private async Task<ScanRun> RecordRunAsync(string runId, string trigger, int shards, DateTimeOffset? at, CancellationToken cancellationToken, string? targetResourceId = null)
    {
        if (await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            return recorded;
        }

        try
        {
            return await runs.CreateAsync(new ScanRun
            {
                RunId = runId,
                Trigger = trigger,
                StartedAt = at ?? _time.GetUtcNow(),
                ShardsPlanned = shards,
                TargetResourceId = targetResourceId,
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Azure.RequestFailedException ex) when (ex.Status == 409)
        {
            // Another attempt of this plan step is recording the same run: wait for it.
            for (var wait = 0; wait < 20; wait++)
            {
                if (await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false) is { } raced)
                {
                    return raced;
                }

                await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            }

            throw;
        }
    }

    private async Task<int> ResolveChildrenAsync(string scope, string runId, DateTimeOffset now, string resourceId, IReadOnlySet<string> undecided, CancellationToken cancellationToken)
    {
        var topLevel = AzureAiCollector.TopLevelId(resourceId);
        var open = await findings.QueryAllAsync(new FindingQuery(Scope: scope, Status: FindingStatus.Open), cancellationToken)
            .Select(f => f.Finding.Key.ResourceId)
            .Where(id => topLevel is not null && id.StartsWith(topLevel + "/", StringComparison.OrdinalIgnoreCase))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var resolved = 0;
        foreach (var child in open.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            resolved += await findings.ResolveUnseenAsync(scope, runId, now, child, undecided, NotPaths, cancellationToken).ConfigureAwait(false);
        }

        return resolved;
    }

    /// <summary>
    /// Closes a run with its summary: the open findings by severity of what the run covers (the whole installation
    /// after a full scan; only the target resource after an event, which keeps a change event's cost independent of
    /// the tenant's size).
    /// </summary>
    private async Task<ScanRun> CloseAsync(ScanRun run, FindingTally? tally, CancellationToken cancellationToken)
    {
        var clock = new StageClock();
        if (_keyAttribution is not null)
        {
            // Before the summary and the notify step: notifications and rotations see keys attributed across shards.
            await _keyAttribution.AttributeAsync(run, cancellationToken).ConfigureAwait(false);
            clock.Lap("attribute keys across shards");
        }

        var scope = run.OpenFindingsQuery().Scope;
        Func<string, bool>? covers = run.TargetResourceId is null ? null : run.Covers;
        FindingStatus[] summarised = [FindingStatus.Open, FindingStatus.Exempted];
        IReadOnlyDictionary<FindingStatus, IReadOnlyDictionary<Severity, int>> counted;
        if (_paths is not null)
        {
            // After attribution (its findings are path members), before the paths are counted. The path stage records
            // and resolves path findings only, so every other finding is what the shards tallied or, without their
            // tally, counted beside it; the paths are counted after it.
            var pathRules = new RuleIdPrefix(Core.Rules.Paths.PathRule.IdPrefix);
            var others = tally is not null
                ? Task.FromResult(tally.ByStatus())
                : findings.CountBySeverityAsync(scope, summarised, covers, cancellationToken, pathRules with { Without = true });
            try
            {
                await _paths.EvaluateAsync(run, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                await ((Task)others).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                throw;
            }

            clock.Lap("attack paths");
            var paths = await findings.CountBySeverityAsync(scope, summarised, covers, cancellationToken, pathRules).ConfigureAwait(false);
            counted = Sum(await others.ConfigureAwait(false), paths);
        }
        else
        {
            counted = await findings.CountBySeverityAsync(scope, summarised, covers, cancellationToken).ConfigureAwait(false);
        }

        var open = BySeverity(counted[FindingStatus.Open]);
        var exempted = BySeverity(counted[FindingStatus.Exempted]);
        clock.Lap("count open and exempted findings");
        if (logger is not null)
        {
            LogCloseStages(logger, run.RunId, clock);
        }

        var closed = run with
        {
            Status = run.ShardsFailed > 0 ? ScanRunStatus.CompletedWithErrors : ScanRunStatus.Completed,
            CompletedAt = _time.GetUtcNow(),
            SummaryJson = JsonSerializer.Serialize(new { openBySeverity = open, exemptedBySeverity = exempted, policy = _rules.Policy is { } p ? new { baseline = p.Baseline.ToString(), source = p.Source, digest = p.Digest() } : null, target = run.TargetResourceId, shards = run.ShardsPlanned, failedShards = run.ShardsFailed }),
        };
        try
        {
            return await runs.UpdateAsync(closed, cancellationToken).ConfigureAwait(false);
        }
        catch (ConcurrencyConflictException)
        {
            // Another attempt of this step closed it first; its view is as good as ours.
            return await runs.GetAsync(run.RunId, cancellationToken).ConfigureAwait(false) ?? closed;
        }

        static Dictionary<string, int> BySeverity(IReadOnlyDictionary<Severity, int> counts) =>
            counts.OrderByDescending(s => s.Key).ToDictionary(s => s.Key.ToString(), s => s.Value, StringComparer.Ordinal);

        static IReadOnlyDictionary<FindingStatus, IReadOnlyDictionary<Severity, int>> Sum(
            IReadOnlyDictionary<FindingStatus, IReadOnlyDictionary<Severity, int>> left, IReadOnlyDictionary<FindingStatus, IReadOnlyDictionary<Severity, int>> right) =>
            left.Keys.Union(right.Keys).ToDictionary(
                status => status,
                status => (IReadOnlyDictionary<Severity, int>)new[] { left.GetValueOrDefault(status), right.GetValueOrDefault(status) }
                    .SelectMany(c => c ?? new Dictionary<Severity, int>())
                    .GroupBy(c => c.Key).ToDictionary(g => g.Key, g => g.Sum(c => c.Value)));
    }

    private string NewRunId(string prefix, string? planKey, DateTimeOffset? at) => string.Create(CultureInfo.InvariantCulture,
        $"{prefix}-{(at ?? _time.GetUtcNow()).UtcDateTime:yyyyMMddTHHmmssfffZ}-{(planKey is null ? Guid.NewGuid().ToString("N")[..6] : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(planKey)))[..6])}");
}
