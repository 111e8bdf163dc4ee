using System.Net;
using System.Text.RegularExpressions;
using AiSpm.Application.Http;
using AiSpm.Application.Outputs;
using AiSpm.Core.Ports;
using AiSpm.Workflows.Models;
using AiSpm.Workflows.Orchestrations;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.DurableTask.Client;

namespace AiSpm.Application.Remediation.Rotation;

/// <summary>
/// The HTTP side of rotations, for both hosts: the list (<c>GET api/rotations</c>) read from the orchestrations' own
/// state, an operator's terminate, and the Approve/Reject links of approval cards. A link's GET only shows a
/// confirmation page (link previews and scanners open links too); its POST decides. Links are refused with 401 when
/// their token is not this installation's for this instance and action, and 410 when expired, already used, or the
/// rotation no longer waits for a decision; nothing changes then.
/// </summary>
public sealed partial class RotationRequests(ApprovalLinkSigner signer, IRotationDecisionLedger decisions, IAuditLog audit, TimeProvider time)
{
    /// <summary>The most instances one list returns.</summary>
    public const int MaxListed = 500;

    private static readonly TimeSpan TerminateWait = TimeSpan.FromSeconds(10);

    private static readonly OrchestrationRuntimeStatus[] Active = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    /// <summary><c>GET api/rotations[?active=true]</c>: every rotation instance with its step, flow, outcome and timestamps, newest first.</summary>
    public async Task<FunctionHttpResponse> ListAsync(FunctionHttpRequest request, DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        var activeOnly = false;
        if (request.Query.TryGetValue("active", out var active) && !bool.TryParse(active, out activeOnly))
        {
            return FunctionHttpResponse.Problem(400, "Bad query", $"'active' must be true or false, not '{Truncate(active)}'.");
        }

        var query = new OrchestrationQuery { InstanceIdPrefix = RotateExposedKeyOrchestration.InstancePrefix, FetchInputsAndOutputs = true, Statuses = activeOnly ? Active : null };
        var listed = new List<RotationStatus>();
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (RotationStatus.Of(instance) is { } status)
            {
                listed.Add(status);
            }
        }

        var newest = listed.OrderByDescending(r => r.CreatedAt).ThenBy(r => r.InstanceId, StringComparer.Ordinal).ToList();
        return FunctionHttpResponse.Ok(new { count = newest.Count, rotations = newest.Take(MaxListed), truncated = newest.Count > MaxListed });
    }

    /// <summary><c>POST api/rotations/{id}/terminate</c>: stops a stuck instance (audited). 200 when it has ended, 202 while it ends, 404 unknown, 409 not running.</summary>
    public async Task<FunctionHttpResponse> TerminateAsync(FunctionHttpRequest request, DurableTaskClient client, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (InstanceOf(request) is not { } instanceId)
        {
            return FunctionHttpResponse.Problem(404, "Not found", "No rotation has this id.");
        }

        var instance = await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            return FunctionHttpResponse.Problem(404, "Not found", $"No rotation '{instanceId}'.");
        }

        if (!Active.Contains(instance.RuntimeStatus))
        {
            return FunctionHttpResponse.Problem(409, "Not running", $"Rotation '{instanceId}' is {instance.RuntimeStatus}; only a pending, running or suspended rotation can be terminated.");
        }

        await client.TerminateInstanceAsync(instanceId, $"terminated by {actor}", cancellationToken).ConfigureAwait(false);
        await audit.AppendAsync(new Core.Audit.AuditRecord(actor, "rotation.terminated", instanceId, "{}"), cancellationToken).ConfigureAwait(false);

        // Termination is a message to the instance: answer 200 once it has ended, 202 when it is still on its way.
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TerminateWait);
        try
        {
            var ended = await client.WaitForInstanceCompletionAsync(instanceId, wait.Token).ConfigureAwait(false);
            return FunctionHttpResponse.Ok(new { instanceId, runtimeStatus = ended.RuntimeStatus.ToString() });
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FunctionHttpResponse.Accepted(new { instanceId, runtimeStatus = "Terminating" });
        }
    }

    /// <summary>
    /// <c>GET|POST api/rotations/{id}/approve|reject</c> (anonymous route; the link's token is the credential). GET
    /// answers a confirmation page; POST (token in the form or the query) decides as <paramref name="actor"/>.
    /// </summary>
    public async Task<FunctionHttpResponse> DecideAsync(FunctionHttpRequest request, string action, DurableTaskClient client, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(client);
        if (action is not (ApprovalLinks.Approve or ApprovalLinks.Reject))
        {
            return Page(404, "Not found", "This is not a rotation decision.");
        }

        var token = request.Query.GetValueOrDefault("token");
        if (request.Method == "POST" && request.Body is { Length: > 0 } body && QueryHelpers.ParseQuery(body).TryGetValue("token", out var posted))
        {
            token = posted.ToString();
        }

        if (InstanceOf(request) is not { } instanceId)
        {
            return Page(401, "Link not valid", "This link is not a rotation link of this installation.");
        }

        switch (signer.Check(token, instanceId, action, time.GetUtcNow()))
        {
            case ApprovalLinkCheck.Valid:
                break;
            case ApprovalLinkCheck.Expired:
                return Page(410, "Link expired", "The time to answer this rotation has passed; it was escalated and the next scan asks again.");
            default:
                return Page(401, "Link not valid", "This link was not issued by this installation for this rotation and answer. Nothing was changed.");
        }

        var instance = await client.GetInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var progress = instance?.SerializedCustomStatus is { Length: > 0 } ? instance.ReadCustomStatusAs<RotationProgress>() : null;
        // The step the instance reports may lag the card by a moment (the backend records status after it sends the
        // card's work), so a running rotation that has not moved past its approval takes the answer; the ledger below
        // lets one answer through.
        if (instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Running } || progress?.Step is not (null or "checking" or "awaiting-approval"))
        {
            return Page(410, "No longer waiting", $"This rotation is not waiting for a decision any more ({(progress?.Outcome ?? (object?)instance?.RuntimeStatus)?.ToString() ?? "gone"}). Nothing was changed.");
        }

        var verb = action == ApprovalLinks.Approve ? "Approve" : "Reject";
        if (request.Method != "POST")
        {
            return Page(200, $"{verb} this rotation?", $"Confirm to {verb.ToLowerInvariant()} the rotation {instanceId}. This link works once.", token, verb);
        }

        if (!await decisions.TryClaimAsync(instanceId + "@" + instance.CreatedAt.UtcTicks, action, actor, cancellationToken).ConfigureAwait(false))
        {
            return Page(410, "Already decided", "Someone already answered this rotation. Nothing was changed.");
        }

        await audit.AppendAsync(new Core.Audit.AuditRecord(actor, "rotation.answered", instanceId, $"{{\"answer\":\"{action}\"}}"), cancellationToken).ConfigureAwait(false);
        await client.RaiseEventAsync(instanceId, RotateExposedKeyOrchestration.DecisionEvent, new RotationDecision(action == ApprovalLinks.Approve, actor), cancellationToken).ConfigureAwait(false);
        return Page(200, action == ApprovalLinks.Approve ? "Approved" : "Rejected", action == ApprovalLinks.Approve
            ? "The rotation continues: the partner key is regenerated and stored first, the exposed key after the consumer wait. Teams gets the outcome."
            : "The key stays as it is and the exposure stays open. Teams gets the outcome.");
    }

    private static string? InstanceOf(FunctionHttpRequest request) =>
        request.Params.TryGetValue("id", out var id) && InstanceIdShape().IsMatch(id) ? id : null;

    private static FunctionHttpResponse Page(int status, string title, string message, string? token = null, string? confirm = null)
    {
        var form = token is null ? string.Empty
            : $"<form method=\"post\"><input type=\"hidden\" name=\"token\" value=\"{WebUtility.HtmlEncode(token)}\"><button type=\"submit\">{WebUtility.HtmlEncode(confirm)}</button></form>";
        var html = $"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"robots\" content=\"noindex\"><title>AiSpm: {WebUtility.HtmlEncode(title)}</title>" +
            "<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem}button{font-size:1rem;padding:.5rem 1.5rem}</style></head>" +
            $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p>{form}</body></html>";
        return FunctionHttpResponse.Html(html, status, postsToSelf: token is not null);
    }

    private static string Truncate(string value) => value.Length > 64 ? value[..64] + "…" : value;

    [GeneratedRegex("^rotation-[0-9a-f]{16}-[0-9a-f]{16}$", RegexOptions.CultureInvariant)]
    private static partial Regex InstanceIdShape();
}
