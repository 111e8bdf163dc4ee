using System.Globalization;
using System.Text.Json;
using AiSpm.Application.Outputs;
using AiSpm.Core.Assets;
using AiSpm.Core.Audit;
using AiSpm.Core.Ports;
using AiSpm.Core.Findings;
using AiSpm.Core.Suppressions;
using AiSpm.Application.Events;
using AiSpm.Application.Http;
using AiSpm.Application.Scanning;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiSpm.Application.Functions;

/// <summary>
/// What every function does, independent of the host that invokes it (the isolated worker's [Function] classes, or
/// the local server's routes, timer and event webhook). Bad input never throws to the caller: HTTP gets a 400 problem,
/// a malformed event is logged with its reason and acknowledged.
/// </summary>
public sealed partial class AiSpmFunctionApp(
    IFindingStore findings,
    IAssetStore assets,
    IScanRunStore runs,
    ISuppressionStore suppressions,
    IAuditLog audit,
    Exports.EvidenceExporter exporter,
    ResourceChangeFilter filter,
    TimeProvider? time = null,
    ILogger<AiSpmFunctionApp>? logger = null,
    Remediation.ScheduledKeyRotation? scheduledRotation = null,
    Core.Rules.RuleCatalog? rules = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>ScheduledScan: starts the full scan of a schedule tick (once per tick, however often the timer fires).</summary>
    public async Task<string> ScheduledScanAsync(bool pastDue, IScanLauncher launcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        var start = await launcher.StartFullScanAsync(pastDue ? "timer-pastdue" : "timer", _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return start.Description;
    }

    /// <summary>
    /// ResourceChanged: one queue message from Event Grid's storage-queue delivery (an event or an array of events, in
    /// the Event Grid or the CloudEvents schema) → targeted re-scans. A malformed message is acknowledged with its reason
    /// logged: redelivering it cannot help.
    /// </summary>
    public Task<IReadOnlyList<string>> ResourceChangedAsync(string message, IScanLauncher launcher, CancellationToken cancellationToken) =>
        HandleMessageAsync(message, (events, ct) => HandleEventsAsync(events, launcher, ct), cancellationToken);

    /// <summary>SecretNearExpiry: one queue message with Key Vault events → scheduled rotation of the alternate key (when configured).</summary>
    public Task<IReadOnlyList<string>> SecretNearExpiryAsync(string message, CancellationToken cancellationToken) =>
        HandleMessageAsync(message, HandleSecretEventsAsync, cancellationToken);

    /// <summary>Handles Key Vault events (scheduled rotation). Returns one line per event.</summary>
    public async Task<IReadOnlyList<string>> HandleSecretEventsAsync(IEnumerable<IncomingEvent> events, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var incoming in events)
        {
            lines.Add(scheduledRotation is null
                ? $"Event {incoming.Id} ignored: rotation is not configured (AISPM_ROTATION_MODE Off or no AISPM_KEYVAULT_URI)."
                : await scheduledRotation.HandleAsync(incoming, cancellationToken).ConfigureAwait(false));
        }

        return lines;
    }

    /// <summary>Applies the change filter to events and starts the re-scans they call for. Returns one line per event.</summary>
    public async Task<IReadOnlyList<string>> HandleEventsAsync(IEnumerable<IncomingEvent> events, IScanLauncher launcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        var lines = new List<string>();
        foreach (var incoming in events)
        {
            var decision = filter.Decide(incoming.EventType, incoming.Subject, incoming.Data);
            if (!decision.Rescan)
            {
                lines.Add($"Event {incoming.Id} ignored: {decision.Reason}.");
                continue;
            }

            var start = await launcher.StartResourceScanAsync(decision.ResourceId!, "event", incoming.Id, cancellationToken).ConfigureAwait(false);
            lines.Add($"Event {incoming.Id}: {decision.Reason}; {start.Description}.");
        }

        return lines;
    }

    /// <summary>
    /// StartScan (POST scans): starts a full scan; 202 with its id, where to ask for its progress, and (in Azure) the
    /// Durable Functions management URLs of its orchestration from <paramref name="management"/>.
    /// </summary>
    public async Task<FunctionHttpResponse> StartScanAsync(FunctionHttpRequest request, IScanLauncher launcher, CancellationToken cancellationToken, Func<string, object?>? management = null)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        var start = await launcher.StartFullScanAsync("http", _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return FunctionHttpResponse.Accepted(new { id = start.Id, started = start.Started, status = $"scans/{start.Id}", management = management?.Invoke(start.Id) });
    }

    /// <summary>ScanStatus (GET scans/{id}): a scan by the id its start gave (or by run id): its orchestration, run and progress.</summary>
    public async Task<FunctionHttpResponse> ScanStatusAsync(FunctionHttpRequest request, IScanLauncher launcher, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        if (!request.Params.TryGetValue("id", out var id) || string.IsNullOrWhiteSpace(id))
        {
            return FunctionHttpResponse.Problem(400, "Missing scan id", "The route needs scans/{id}.");
        }

        if (id.Length > 200 || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_' and not '.'))
        {
            return FunctionHttpResponse.Problem(400, "Invalid scan id", "A scan id is at most 200 letters, digits, '-', '_' or '.'.");
        }

        var state = await launcher.DescribeAsync(id, cancellationToken).ConfigureAwait(false);
        var run = await runs.GetAsync(state?.RunId ?? id, cancellationToken).ConfigureAwait(false);
        return run is null && state is null
            ? FunctionHttpResponse.Problem(404, "No such scan", $"There is no scan '{id}'.")
            : run is null
            ? FunctionHttpResponse.Ok(new { id, orchestration = state!.RuntimeStatus, status = "Planning", progress = 0.0 })
            : FunctionHttpResponse.Ok(new
            {
                id = state?.Id ?? id,
                orchestration = state?.RuntimeStatus,
                run.RunId,
                run.Trigger,
                status = run.Status.ToString(),
                run.StartedAt,
                run.CompletedAt,
                run.ShardsPlanned,
                run.ShardsCompleted,
                run.ShardsFailed,
                // While the scan runs, the orchestration knows how many shards are done; the run row counts them at close.
                shardsDone = run.Status == Core.Scans.ScanRunStatus.Running && state is not null ? state.ShardsDone : run.ShardsPlanned,
                progress = run.ShardsPlanned == 0 || run.Status != Core.Scans.ScanRunStatus.Running ? 1.0
                    : Math.Round((double)(state?.ShardsDone ?? 0) / run.ShardsPlanned, 4),
                summary = run.SummaryJson is null ? (JsonElement?)null : JsonDocument.Parse(run.SummaryJson).RootElement.Clone(),
            });
    }

    /// <summary>Findings (GET findings?severity=&amp;status=&amp;rule=&amp;subscription=&amp;pageSize=&amp;continuationToken=).</summary>
    public async Task<FunctionHttpResponse> FindingsAsync(FunctionHttpRequest request, CancellationToken cancellationToken)
    {
        var query = FindingsQueryParser.Parse(request.Query, out var problem);
        if (query is null)
        {
            return FunctionHttpResponse.Problem(400, "Invalid query", problem!);
        }

        FindingPage page;
        try
        {
            page = await findings.QueryAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException ex)
        {
            return FunctionHttpResponse.Problem(400, "Invalid continuation token", ex.Message.Split(" (Parameter", 2)[0]);
        }

        return FunctionHttpResponse.Ok(new
        {
            findings = page.Findings.Select(f => new
            {
                id = f.Finding.Key.Id,
                scope = f.Finding.Key.Scope,
                ruleId = f.Finding.Key.RuleId,
                resourceId = f.Finding.Key.ResourceId,
                subKey = f.Finding.Key.SubKey,
                severity = f.Finding.Severity.ToString(),
                category = f.Finding.Category,
                title = f.Finding.Title,
                detail = f.Finding.Detail,
                evidence = f.Finding.Evidence,
                status = f.Status.ToString(),
                exemption = f.Finding.Exemption,
                f.FirstSeen,
                f.LastSeen,
                f.ResolvedAt,
                f.ReopenCount,
            }),
            continuationToken = page.ContinuationToken,
        });
    }

    /// <summary>SuppressFinding (POST findings/{scope}/{findingId}/suppress, body {justification, expiresInDays}): audited.</summary>
    public async Task<FunctionHttpResponse> SuppressFindingAsync(FunctionHttpRequest request, string actor, CancellationToken cancellationToken)
    {
        if (!request.Params.TryGetValue("scope", out var scope) || !request.Params.TryGetValue("findingId", out var findingId))
        {
            return FunctionHttpResponse.Problem(400, "Missing route values", "The route needs findings/{scope}/{findingId}/suppress.");
        }

        if (!IsKeyValue(scope) || !IsKeyValue(findingId))
        {
            return FunctionHttpResponse.Problem(400, "Invalid route value", "'scope' and 'findingId' are at most 256 characters, without control characters, '/', '\\', '#' or '?'.");
        }

        string? justification;
        int days;
        try
        {
            using var body = JsonDocument.Parse(string.IsNullOrWhiteSpace(request.Body) ? "{}" : request.Body);
            if (body.RootElement.ValueKind != JsonValueKind.Object)
            {
                return FunctionHttpResponse.Problem(400, "Invalid body", $"The body must be a JSON object with 'justification' and 'expiresInDays', not {body.RootElement.ValueKind}.");
            }

            justification = body.RootElement.TryGetProperty("justification", out var j) && j.ValueKind == JsonValueKind.String ? j.GetString() : null;
            if (body.RootElement.TryGetProperty("expiresInDays", out var d) && d.ValueKind != JsonValueKind.Number)
            {
                return FunctionHttpResponse.Problem(400, "Invalid expiresInDays", $"'expiresInDays' must be a whole number of days from 1 to 365, not {d.ValueKind}.");
            }

            days = d.ValueKind == JsonValueKind.Number && d.TryGetInt32(out var n) ? n : 0;
        }
        catch (JsonException ex)
        {
            return FunctionHttpResponse.Problem(400, "Invalid body", $"The body is not JSON: {ex.Message.Split('.')[0]}.");
        }

        if (string.IsNullOrWhiteSpace(justification) || justification.Length > 2000)
        {
            return FunctionHttpResponse.Problem(400, "Justification required", "Give 'justification' (1 to 2,000 characters): why the risk is accepted.");
        }

        if (days is < 1 or > 365)
        {
            return FunctionHttpResponse.Problem(400, "Expiry required", "Give 'expiresInDays' between 1 and 365: suppressions always expire.");
        }

        var finding = await findings.GetAsync(scope, findingId, cancellationToken).ConfigureAwait(false);
        if (finding is null)
        {
            return FunctionHttpResponse.Problem(404, "No such finding", $"There is no finding '{findingId}' in scope '{scope}'.");
        }

        var now = _time.GetUtcNow();
        var suppression = new Suppression(findingId, scope, justification, actor, now, now.AddDays(days));
        await suppressions.SaveAsync(suppression, cancellationToken).ConfigureAwait(false);
        var entry = await audit.AppendAsync(new AuditRecord(actor, "finding.suppressed", findingId,
            JsonSerializer.Serialize(new { scope, ruleId = finding.Finding.Key.RuleId, resourceId = finding.Finding.Key.ResourceId, justification, expiresAt = suppression.ExpiresAt })), cancellationToken).ConfigureAwait(false);
        return FunctionHttpResponse.Ok(new { findingId, scope, suppression.ExpiresAt, auditSequence = entry.Sequence });
    }

    /// <summary>Inventory (GET inventory?subscription=&amp;kind=): the AI inventory of every class, or of one subscription or class.</summary>
    public async Task<FunctionHttpResponse> InventoryAsync(FunctionHttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        string? scope = null;
        if (request.Query.TryGetValue("subscription", out var subscription) && !string.IsNullOrWhiteSpace(subscription))
        {
            if (!Guid.TryParse(subscription, out _))
            {
                return FunctionHttpResponse.Problem(400, "Invalid query", $"'subscription' must be a subscription id (GUID), not '{subscription}'.");
            }

            scope = FindingScope.ForSubscription(subscription);
        }

        AssetClass? only = null;
        if (request.Query.TryGetValue("kind", out var kind) && !string.IsNullOrEmpty(kind))
        {
            if (!AssetClassNames.TryParse(kind, out var parsed))
            {
                return FunctionHttpResponse.Problem(400, "Invalid query", $"'kind' must be one of {string.Join(", ", AssetClassNames.All)}, not '{kind}'.");
            }

            only = parsed;
        }

        var listed = await assets.ListAsync(scope, cancellationToken).Where(a => only is null || a.Class == only).ToListAsync(cancellationToken).ConfigureAwait(false);
        return FunctionHttpResponse.Ok(new
        {
            count = listed.Count,
            kinds = listed.GroupBy(a => a.Class).OrderBy(g => g.Key).ToDictionary(g => AssetClassNames.Of(g.Key), g => g.Count()),
            assets = listed.Select(InventoryEntry.Of),
        });
    }

    /// <summary>
    /// ExportEvidence (GET evidence): the evidence ZIP, base64 in a JSON answer with its manifest and hash. The export is
    /// appended to the audit chain first, so the ZIP holds its own record.
    /// </summary>
    public async Task<FunctionHttpResponse> ExportEvidenceAsync(FunctionHttpRequest request, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var at = _time.GetUtcNow();
        await audit.AppendAsync(new AuditRecord(actor, "evidence.exported", "evidence", JsonSerializer.Serialize(new { at })), cancellationToken).ConfigureAwait(false);
        using var zip = new MemoryStream();
        var manifest = await exporter.ExportAsync(zip, cancellationToken).ConfigureAwait(false);
        var bytes = zip.ToArray();
        return FunctionHttpResponse.Ok(new
        {
            fileName = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"aispm-evidence-{at:yyyyMMddTHHmmssZ}.zip"),
            sha256 = Exports.EvidenceExporter.Sha256(bytes),
            bytes = bytes.Length,
            manifest,
            zipBase64 = Convert.ToBase64String(bytes),
        });
    }

    /// <summary>
    /// Report (GET report): the self-contained HTML report of the installation, the same page <c>aispm report</c> writes.
    /// It loads nothing from elsewhere, so it is served with a policy that forbids scripts and remote content.
    /// </summary>
    public async Task<FunctionHttpResponse> ReportAsync(FunctionHttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = await Reports.ReportModel.LoadAsync(findings, assets, runs, suppressions, _time, cancellationToken, rules).ConfigureAwait(false);
        return FunctionHttpResponse.Html(Reports.HtmlReport.Render(model));
    }

    private async Task<IReadOnlyList<string>> HandleMessageAsync(
        string message, Func<IReadOnlyList<IncomingEvent>, CancellationToken, Task<IReadOnlyList<string>>> handle, CancellationToken cancellationToken)
    {
        IReadOnlyList<IncomingEvent> events;
        try
        {
            events = IncomingEvent.ParseMany(BinaryData.FromString(message ?? string.Empty));
        }
        catch (FormatException ex)
        {
            // Redelivering a malformed event cannot help: acknowledge it, say why.
            EventRejected(_logger, ex.Message);
            return ["Ignored a malformed event: " + ex.Message];
        }

        return await handle(events, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Rejected a malformed event: {Reason}")]
    private static partial void EventRejected(ILogger logger, string reason);

    /// <summary>True for a value that can be a finding's scope or id: short, printable, none of the characters Table keys refuse.</summary>
    private static bool IsKeyValue(string value) =>
        value.Length is > 0 and <= 256 && !value.Any(c => char.IsControl(c) || c is '/' or '\\' or '#' or '?');
}
