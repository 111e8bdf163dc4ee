using System.Globalization;
using System.Text.Json;
using AiSpm.Connectors.Persistence;
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
/// The functions themselves, independent of how they are invoked (the Functions host's envelopes, or local mode's
/// own timer, poller, webhook and HTTP routes). Bad input never throws to the caller: HTTP gets a 400 problem, a
/// malformed queue message goes to the poison queue with its reason, a malformed event is logged and acknowledged.
/// </summary>
public sealed partial class AiSpmFunctionApp(
    ScanCoordinator coordinator,
    IFindingStore findings,
    IAssetStore assets,
    IScanRunStore runs,
    ISuppressionStore suppressions,
    IAuditLog audit,
    Exports.EvidenceExporter exporter,
    PoisonQueue poison,
    ResourceChangeFilter filter,
    TimeProvider? time = null,
    ILogger<AiSpmFunctionApp>? logger = null,
    Remediation.ScheduledKeyRotation? scheduledRotation = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Starts a full scan at a tick of local mode's own timer.</summary>
    public Task<Core.Scans.ScanRun> StartTimedScanAsync(CancellationToken cancellationToken) => coordinator.StartFullScanAsync("timer", cancellationToken);

    /// <summary>ScheduledScan: starts a full scan.</summary>
    public async Task<InvocationResponse> ScheduledScanAsync(InvocationRequest invocation, CancellationToken cancellationToken)
    {
        var response = new InvocationResponse();
        var pastDue = invocation.Data.TryGetValue("timer", out var timer) && timer.ValueKind == JsonValueKind.Object
            && timer.TryGetProperty("IsPastDue", out var due) && due.ValueKind == JsonValueKind.True;
        var run = await coordinator.StartFullScanAsync(pastDue ? "timer (past due)" : "timer", cancellationToken).ConfigureAwait(false);
        response.Logs.Add($"Started scan {run.RunId} with {run.ShardsPlanned} shards.");
        return response;
    }

    /// <summary>ScanShard: processes one shard message; a malformed or unprocessable one is kept in the poison queue with the reason.</summary>
    public async Task<InvocationResponse> ScanShardAsync(InvocationRequest invocation, CancellationToken cancellationToken)
    {
        var value = invocation.Binding("shard");
        var text = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        Core.Scans.ScanShard shard;
        try
        {
            shard = ShardMessage.Parse(text);
        }
        catch (FormatException ex)
        {
            return await PoisonAsync(invocation, text, "malformed shard message: " + ex.Message, cancellationToken).ConfigureAwait(false);
        }

        ShardOutcome outcome;
        try
        {
            outcome = await coordinator.ProcessShardAsync(shard, cancellationToken).ConfigureAwait(false);
        }
        catch (ShardRejectedException ex)
        {
            // Retrying cannot help: keep it with the reason and let the host delete the original.
            return await PoisonAsync(invocation, text, ex.Message, cancellationToken).ConfigureAwait(false);
        }

        var response = new InvocationResponse();
        response.Logs.Add(string.Create(CultureInfo.InvariantCulture,
            $"Shard {shard.Index} of {shard.RunId}: {outcome.Recorded.Created} new, {outcome.Recorded.Updated} updated, {outcome.Recorded.Reopened} reopened, {outcome.Resolved} resolved{(outcome.ClosedRun is null ? string.Empty : "; run closed")}."));
        return response;
    }

    /// <summary>ResourceChanged: one Event Grid event (either schema) → a targeted re-scan when it concerns an AI resource.</summary>
    public Task<InvocationResponse> ResourceChangedAsync(InvocationRequest invocation, CancellationToken cancellationToken) =>
        HandleEventInvocationAsync(invocation, HandleEventsAsync, cancellationToken);

    /// <summary>SecretNearExpiry: a Key Vault event → scheduled rotation of the alternate key (when rotation is configured).</summary>
    public Task<InvocationResponse> SecretNearExpiryAsync(InvocationRequest invocation, CancellationToken cancellationToken) =>
        HandleEventInvocationAsync(invocation, HandleSecretEventsAsync, cancellationToken);

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
    public async Task<IReadOnlyList<string>> HandleEventsAsync(IEnumerable<IncomingEvent> events, CancellationToken cancellationToken)
    {
        var lines = new List<string>();
        foreach (var incoming in events)
        {
            var decision = filter.Decide(incoming.EventType, incoming.Subject, incoming.Data);
            if (!decision.Rescan)
            {
                lines.Add($"Event {incoming.Id} ignored: {decision.Reason}.");
                continue;
            }

            var run = await coordinator.StartResourceScanAsync("event", decision.ResourceId!, cancellationToken).ConfigureAwait(false);
            lines.Add($"Event {incoming.Id}: {decision.Reason}; re-scan {run.RunId} of {decision.ResourceId}.");
        }

        return lines;
    }

    /// <summary>StartScan (POST scans): starts a full scan; 202 with the run id.</summary>
    public async Task<FunctionHttpResponse> StartScanAsync(FunctionHttpRequest request, CancellationToken cancellationToken)
    {
        var run = await coordinator.StartFullScanAsync("http", cancellationToken).ConfigureAwait(false);
        return FunctionHttpResponse.Accepted(new { runId = run.RunId, shards = run.ShardsPlanned, status = $"scans/{run.RunId}" });
    }

    /// <summary>ScanStatus (GET scans/{runId}): the run and its progress.</summary>
    public async Task<FunctionHttpResponse> ScanStatusAsync(FunctionHttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.Params.TryGetValue("runId", out var runId) || string.IsNullOrWhiteSpace(runId))
        {
            return FunctionHttpResponse.Problem(400, "Missing run id", "The route needs scans/{runId}.");
        }

        var run = await runs.GetAsync(runId, cancellationToken).ConfigureAwait(false);
        return run is null
            ? FunctionHttpResponse.Problem(404, "No such scan run", $"There is no scan run '{runId}'.")
            : FunctionHttpResponse.Ok(new
            {
                run.RunId,
                run.Trigger,
                status = run.Status.ToString(),
                run.StartedAt,
                run.CompletedAt,
                run.ShardsPlanned,
                run.ShardsCompleted,
                run.ShardsFailed,
                progress = run.ShardsPlanned == 0 ? 1.0 : Math.Round((double)run.ShardsCompleted / run.ShardsPlanned, 4),
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
            days = body.RootElement.TryGetProperty("expiresInDays", out var d) && d.TryGetInt32(out var n) ? n : 0;
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

    /// <summary>Inventory (GET inventory?subscription=): the AI inventory.</summary>
    public async Task<FunctionHttpResponse> InventoryAsync(FunctionHttpRequest request, CancellationToken cancellationToken)
    {
        string? scope = null;
        if (request.Query.TryGetValue("subscription", out var subscription) && !string.IsNullOrWhiteSpace(subscription))
        {
            if (!Guid.TryParse(subscription, out _))
            {
                return FunctionHttpResponse.Problem(400, "Invalid query", $"'subscription' must be a subscription id (GUID), not '{subscription}'.");
            }

            scope = FindingScope.ForSubscription(subscription);
        }

        var listed = await assets.ListAsync(scope, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        return FunctionHttpResponse.Ok(new
        {
            count = listed.Count,
            assets = listed.Select(a => new
            {
                a.ResourceId,
                a.Type,
                a.Name,
                a.Kind,
                a.Location,
                a.Tags,
                properties = a.PropertiesJson is null ? (JsonElement?)null : JsonDocument.Parse(a.PropertiesJson).RootElement.Clone(),
            }),
        });
    }

    /// <summary>
    /// ExportEvidence (GET evidence): the evidence ZIP, base64 in a JSON answer with its manifest (the custom-handler
    /// protocol carries text). The export is appended to the audit chain first, so the ZIP holds its own record.
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
        var model = await Reports.ReportModel.LoadAsync(findings, assets, runs, suppressions, _time, cancellationToken).ConfigureAwait(false);
        return FunctionHttpResponse.Html(Reports.HtmlReport.Render(model));
    }

    private async Task<InvocationResponse> HandleEventInvocationAsync(
        InvocationRequest invocation, Func<IReadOnlyList<IncomingEvent>, CancellationToken, Task<IReadOnlyList<string>>> handle, CancellationToken cancellationToken)
    {
        var response = new InvocationResponse();
        IReadOnlyList<IncomingEvent> events;
        try
        {
            events = IncomingEvent.ParseMany(BinaryData.FromString(invocation.Binding("event").GetRawText()));
        }
        catch (FormatException ex)
        {
            // Redelivering a malformed event cannot help: acknowledge it, say why.
            response.Logs.Add("Ignored a malformed event: " + ex.Message);
            EventRejected(_logger, ex.Message);
            return response;
        }

        response.Logs.AddRange(await handle(events, cancellationToken).ConfigureAwait(false));
        return response;
    }

    private async Task<InvocationResponse> PoisonAsync(InvocationRequest invocation, string body, string reason, CancellationToken cancellationToken)
    {
        var id = invocation.Metadata.TryGetValue("Id", out var m) ? m.ToString() : "(unknown)";
        await poison.Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        await poison.Poison.SendMessageAsync(JsonSerializer.Serialize(new
        {
            queue = poison.Source.Name,
            messageId = id,
            reason,
            movedOn = _time.GetUtcNow(),
            body,
        }), cancellationToken: cancellationToken).ConfigureAwait(false);
        var response = new InvocationResponse();
        response.Logs.Add($"Message {id} kept in {poison.Poison.Name}: {reason}.");
        return response;
    }

    [LoggerMessage(EventId = 3100, Level = LogLevel.Warning, Message = "Rejected a malformed event: {Reason}")]
    private static partial void EventRejected(ILogger logger, string reason);
}
