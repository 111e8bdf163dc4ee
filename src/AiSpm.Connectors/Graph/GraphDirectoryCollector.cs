using System.Net;
using System.Text.Json;
using AiSpm.Connectors.Collection;
using AiSpm.Core.Inventory.Directory;
using Microsoft.Graph;
using Microsoft.Kiota.Abstractions;

namespace AiSpm.Connectors.Graph;

/// <summary>
/// Reads the Entra ID / Microsoft 365 posture through one <see cref="GraphServiceClient"/>: service principals,
/// applications and delegated grants with <c>$select</c> and <c>$top=999</c>, page after page (<c>@odata.nextLink</c>);
/// application grants through <c>appRoleAssignedTo</c> on the resource service principals that define application
/// app roles (batched 20 to a <c>$batch</c>, never one call per client); the owners of the apps holding Tier-0 or Tier-1
/// permissions (batched the same way); the consent policies; and the beta
/// endpoints (agent identities, Copilot settings, catalogue and licensed-user adoption) as raw requests on the same client. Entries of a
/// batch answered 429 are retried after their <c>Retry-After</c> (the SDK retries only whole requests). A 403 or 404
/// on an optional endpoint becomes a coverage note. Requests are built and sent by the SDK; answers are read as JSON
/// and each object is kept as Graph wrote it, never through the SDK's models and back.
/// </summary>
public sealed class GraphDirectoryCollector
{
    /// <summary>The most requests one <c>$batch</c> may hold.</summary>
    public const int BatchSize = 20;

    private static readonly string[] ServicePrincipalFields =
    [
        "id", "appId", "displayName", "appDisplayName", "appDescription", "description", "servicePrincipalType", "accountEnabled",
        "appOwnerOrganizationId", "signInAudience", "verifiedPublisher", "homepage", "tags", "appRoles", "oauth2PermissionScopes",
        "passwordCredentials", "keyCredentials",
    ];

    private static readonly string[] ApplicationFields =
        ["id", "appId", "displayName", "signInAudience", "notes", "description", "passwordCredentials", "keyCredentials"];

    private static readonly string[] OwnerFields = ["id", "displayName", "userPrincipalName"];

    private readonly GraphServiceClient _client;
    private readonly GraphRawReader _raw;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly int _maxBatchRetries;
    private readonly List<CollectionError> _errors = [];
    /// <summary>The <c>$batch</c> requests sent and the batch entries read; every other request is the raw reader's, one page each.</summary>
    private int _batchCalls;
    private int _batchPages;

    /// <summary>Creates the collector.</summary>
    /// <param name="client">A Graph client whose base URL is the v1.0 endpoint.</param>
    /// <param name="delay">How to wait for a <c>Retry-After</c> (tests pass a clock of their own).</param>
    /// <param name="maxBatchRetries">How often a throttled batch entry is retried before it becomes an error.</param>
    public GraphDirectoryCollector(GraphServiceClient client, Func<TimeSpan, CancellationToken, Task>? delay = null, int maxBatchRetries = 5)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _raw = new GraphRawReader(client);
        _delay = delay ?? Task.Delay;
        _maxBatchRetries = maxBatchRetries;
    }

    /// <summary>Collects the directory. Failures are reported in the result, never thrown (except cancellation).</summary>
    public Task<DirectoryCollection> CollectAsync(CancellationToken cancellationToken = default) => CollectAsync(null, cancellationToken);

    /// <summary>
    /// Collects the directory; the Copilot parts Graph refuses to this client's token are taken from
    /// <paramref name="copilotImport"/>, an administrator's delegated import, when given.
    /// </summary>
    public async Task<DirectoryCollection> CollectAsync(CopilotAdminImport? copilotImport, CancellationToken cancellationToken = default)
    {
        _errors.Clear();
        _batchCalls = 0;
        _batchPages = 0;
        var rawBefore = _raw.Calls;
        var builder = new DirectoryInventoryBuilder();

        // Each list is placed page by page as it is read, so no list is ever held whole. The resources that define
        // application roles are taken from every page read, placed or not.
        var resources = new List<string>();
        var principalsRead = await ListAsync("servicePrincipals", builder,
            _client.ServicePrincipals.ToGetRequestInformation(r => { r.QueryParameters.Select = ServicePrincipalFields; r.QueryParameters.Top = 999; }),
            page => resources.AddRange(ResourcesWithApplicationRoles(page)),
            page => builder.AddServicePrincipals(page, "graph v1.0/servicePrincipals"),
            cancellationToken).ConfigureAwait(false);

        await ListAsync("applications", builder,
            _client.Applications.ToGetRequestInformation(r => { r.QueryParameters.Select = ApplicationFields; r.QueryParameters.Top = 999; }),
            _ => { },
            page => builder.AddApplications(page, "graph v1.0/applications"),
            cancellationToken).ConfigureAwait(false);

        await ListAsync("oauth2PermissionGrants", builder,
            _client.Oauth2PermissionGrants.ToGetRequestInformation(r => r.QueryParameters.Top = 999),
            _ => { },
            page => builder.AddDelegatedGrants(page, "graph v1.0/oauth2PermissionGrants"),
            cancellationToken).ConfigureAwait(false);

        var errorsBefore = _errors.Count;
        var assignments = await CollectAppRoleAssignmentsAsync(resources, cancellationToken).ConfigureAwait(false);
        Placed("appRoleAssignments", builder, () => builder.AddAppRoleAssignments(assignments, "graph v1.0/servicePrincipals/{resource}/appRoleAssignedTo"));
        if (_errors.Count > errorsBefore)
        {
            builder.NotCollected("appRoleAssignments", $"{_errors.Count - errorsBefore} of {resources.Count} resources could not be read");
        }
        if (!principalsRead)
        {
            builder.NotCollected("appRoleAssignments", "the service principals (and so the resources) could not be read");
        }

        // The policies are read as Graph answers them (not through the SDK's models and back), like every other part.
        await SingleAsync("authorizationPolicy", builder, ct => RawAsync("v1.0/policies/authorizationPolicy", ct), builder.SetAuthorizationPolicy, cancellationToken).ConfigureAwait(false);
        await SingleAsync("adminConsentRequestPolicy", builder, ct => RawAsync("v1.0/policies/adminConsentRequestPolicy", ct), builder.SetAdminConsentRequestPolicy, cancellationToken).ConfigureAwait(false);
        await SingleAsync("appManagementPolicy", builder, ct => RawAsync("v1.0/policies/defaultAppManagementPolicy", ct), builder.SetAppManagementPolicy, cancellationToken).ConfigureAwait(false);

        // Beta and optional: Entra Agent ID, Copilot settings and catalogue.
        await RawListAsync("beta/servicePrincipals/microsoft.graph.agentIdentity", "agentIdentities", builder, builder.AddServicePrincipals, cancellationToken).ConfigureAwait(false);
        await RawListAsync("beta/servicePrincipals/microsoft.graph.agentIdentityBlueprintPrincipal", "agentIdentityBlueprintPrincipals", builder, builder.AddServicePrincipals, cancellationToken).ConfigureAwait(false);
        await RawListAsync("beta/applications/microsoft.graph.agentIdentityBlueprint", "agentIdentityBlueprints", builder, builder.AddApplications, cancellationToken).ConfigureAwait(false);
        await SingleAsync("copilotLimitedMode", builder, ct => RawAsync("beta/copilot/admin/settings/limitedMode", ct), builder.SetCopilotLimitedMode, cancellationToken).ConfigureAwait(false);
        await RawListAsync("beta/copilot/admin/catalog/packages", "copilotPackages", builder, builder.AddCopilotPackages, cancellationToken).ConfigureAwait(false);
        if (copilotImport is not null)
        {
            builder.UseCopilotAdminImport(copilotImport);
        }

        await SingleAsync("copilotUsage", builder, ct => RawAsync("beta/copilot/reports/getMicrosoft365CopilotUserCountSummary(period='D30')?$format=application/json", ct),
            builder.SetCopilotUsageSummary, cancellationToken).ConfigureAwait(false);

        // Owners last, once every grant and agent identity is known: only the privileged apps' owners are read.
        var ownerObjects = await CollectOwnersAsync(OwnerTargets(builder.Build()), builder, cancellationToken).ConfigureAwait(false);

        var raw = _raw.Calls - rawBefore;
        return new DirectoryCollection(builder.Build(), _errors.ToList(), raw + _batchCalls, raw + _batchPages, resources.Count, ownerObjects);
    }

    /// <summary>The resource service principals that define application (app-only) roles: the only ones worth asking for <c>appRoleAssignedTo</c>.</summary>
    internal static List<string> ResourcesWithApplicationRoles(JsonElement principals) => principals.EnumerateArray()
        .Where(sp => sp.TryGetProperty("appRoles", out var roles) && roles.ValueKind == JsonValueKind.Array && roles.EnumerateArray().Any(r =>
            r.TryGetProperty("allowedMemberTypes", out var types) && types.ValueKind == JsonValueKind.Array
            && types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() == "Application")))
        .Select(sp => sp.GetProperty("id").GetString()!)
        .ToList();

    /// <summary>
    /// Reads <c>appRoleAssignedTo</c> of each resource, 20 resources per <c>$batch</c>; entries answered 429 go into the
    /// next batch after the longest <c>Retry-After</c>; entries with more pages continue with the page iterator.
    /// </summary>
    internal async Task<JsonElement> CollectAppRoleAssignmentsAsync(IReadOnlyList<string> resourceIds, CancellationToken cancellationToken)
    {
        var (read, failed) = await BatchListAsync(resourceIds,
            resource => _client.ServicePrincipals[resource].AppRoleAssignedTo.ToGetRequestInformation(r => r.QueryParameters.Top = 999),
            cancellationToken).ConfigureAwait(false);
        foreach (var failure in failed)
        {
            _errors.Add(new CollectionError($"servicePrincipals/{failure.Key}", "GET appRoleAssignedTo ($batch)", failure.Status, failure.Message));
        }

        var assignments = new GraphObjectArray();
        foreach (var resource in resourceIds.Where(read.ContainsKey))
        {
            assignments.AddRange(read[resource]);
        }

        return assignments.ToElement();
    }

    /// <summary>
    /// Reads the owners of the given service principals and app registrations (<c>/servicePrincipals/{id}/owners</c>,
    /// <c>/applications/{id}/owners</c> with <c>$select=id,displayName,userPrincipalName</c>) through the same 20-per-<c>$batch</c>
    /// machinery as the application grants. Each object read gets its owners (possibly none); a 403 or 404 leaves it
    /// unread and becomes a coverage note, any other failure an error as well.
    /// </summary>
    internal async Task<int> CollectOwnersAsync(IReadOnlyList<OwnerTarget> targets, DirectoryInventoryBuilder builder, CancellationToken cancellationToken)
    {
        var byKey = targets.DistinctBy(t => t.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(t => t.Key, StringComparer.OrdinalIgnoreCase);
        var (read, failed) = await BatchListAsync(byKey.Keys.ToList(),
            key => byKey[key].IsApplication
                ? _client.Applications[byKey[key].Id].Owners.ToGetRequestInformation(r => r.QueryParameters.Select = OwnerFields)
                : _client.ServicePrincipals[byKey[key].Id].Owners.ToGetRequestInformation(r => r.QueryParameters.Select = OwnerFields),
            cancellationToken).ConfigureAwait(false);
        foreach (var (key, items) in read)
        {
            builder.AddOwners(byKey[key].Id, items.ToElement(), $"graph v1.0/{key}/owners");
        }

        foreach (var failure in failed)
        {
            if (failure.Status is not (403 or 404))
            {
                _errors.Add(new CollectionError(failure.Key, "GET owners ($batch)", failure.Status, failure.Message));
            }
        }

        if (failed.Count > 0)
        {
            var statuses = string.Join(", ", failed.GroupBy(f => f.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} answered {g.Key}"));
            builder.NotCollected("owners", $"{failed.Count} of {byKey.Count} objects could not be read ({statuses})");
        }

        return byKey.Count;
    }

    /// <summary>
    /// Reads one collection per key, 20 keys per <c>$batch</c>: entries answered 429 go into the next batch after the
    /// longest <c>Retry-After</c> (at most <c>maxBatchRetries</c> times); entries with more pages continue with the page
    /// iterator. Returns the items read per key and the keys that failed with their status.
    /// </summary>
    private async Task<(Dictionary<string, GraphObjectArray> Read, List<(string Key, int Status, string Message)> Failed)> BatchListAsync(
        IReadOnlyList<string> keys, Func<string, RequestInformation> request, CancellationToken cancellationToken)
    {
        var read = new Dictionary<string, GraphObjectArray>(StringComparer.OrdinalIgnoreCase);
        var failed = new List<(string Key, int Status, string Message)>();
        var pending = new Queue<(string Key, int Attempt)>(keys.Select(k => (k, 0)));
        while (pending.Count > 0)
        {
            var chunk = new List<(string Key, int Attempt)>();
            while (chunk.Count < BatchSize && pending.Count > 0)
            {
                chunk.Add(pending.Dequeue());
            }

            var batch = new BatchRequestContentCollection(_client);
            var steps = new Dictionary<string, (string Key, int Attempt)>(StringComparer.Ordinal);
            foreach (var entry in chunk)
            {
                steps[await batch.AddBatchRequestStepAsync(request(entry.Key)).ConfigureAwait(false)] = entry;
            }

            BatchResponseContentCollection response;
            try
            {
                _batchCalls++;
                response = await _client.Batch.PostAsync(batch, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (IsFailedRead(ex))
            {
                failed.AddRange(chunk.Select(entry => (entry.Key, Status(ex), ex.Message)));
                continue;
            }

            var statuses = await response.GetResponsesStatusCodesAsync().ConfigureAwait(false);
            var wait = TimeSpan.Zero;
            foreach (var (stepId, entry) in steps)
            {
                var status = statuses.TryGetValue(stepId, out var s) ? s : HttpStatusCode.InternalServerError;
                if (status == HttpStatusCode.TooManyRequests && entry.Attempt < _maxBatchRetries)
                {
                    using var throttled = await response.GetResponseByIdAsync(stepId).ConfigureAwait(false);
                    var retryAfter = throttled?.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(Math.Pow(2, entry.Attempt));
                    wait = retryAfter > wait ? retryAfter : wait;
                    pending.Enqueue((entry.Key, entry.Attempt + 1));
                    continue;
                }

                if ((int)status is < 200 or > 299)
                {
                    failed.Add((entry.Key, (int)status,
                        status == HttpStatusCode.TooManyRequests ? $"still throttled after {_maxBatchRetries} retries" : $"the batch entry answered {(int)status}"));
                    continue;
                }

                _batchPages++;
                var items = new GraphObjectArray();
                try
                {
                    // The entry's body is copied as Graph wrote it; its further pages, if any, follow its next link.
                    string? next;
                    using (var answer = await response.GetResponseByIdAsync(stepId).ConfigureAwait(false))
                    {
                        var body = await answer.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                        using var page = await GraphRawReader.ParseAsync(body, "a $batch entry", cancellationToken).ConfigureAwait(false);
                        next = GraphRawReader.CopyPage(page.RootElement, items);
                    }

                    if (next is not null)
                    {
                        await _raw.ListIntoAsync(next, items, cancellationToken).ConfigureAwait(false);
                    }
                }
                catch (Exception ex) when (IsFailedRead(ex))
                {
                    failed.Add((entry.Key, Status(ex), ex.Message));
                    continue;
                }

                read[entry.Key] = items;
            }

            if (wait > TimeSpan.Zero && pending.Count > 0)
            {
                await _delay(wait, cancellationToken).ConfigureAwait(false);
            }
        }

        return (read, failed);
    }

    /// <summary>The objects whose owners matter: each service principal holding Tier-0 or Tier-1 permissions, and its app registration when it is in this tenant.</summary>
    internal static List<OwnerTarget> OwnerTargets(DirectoryInventory directory)
    {
        var targets = new List<OwnerTarget>();
        foreach (var sp in directory.PrivilegedApps())
        {
            targets.Add(new OwnerTarget(sp.Id, IsApplication: false));
            if (directory.ApplicationOf(sp) is { } app)
            {
                targets.Add(new OwnerTarget(app.Id, IsApplication: true));
            }
        }

        return targets;
    }

    /// <summary>
    /// Reads a list page by page: <paramref name="read"/> sees every page, <paramref name="place"/> adds it to the
    /// directory until a page holds an object the checks cannot place (the part is then not collected, its later pages
    /// are read but not placed). False when the list could not be read.
    /// </summary>
    private async Task<bool> ListAsync(string part, DirectoryInventoryBuilder builder, RequestInformation first, Action<JsonElement> read, Action<JsonElement> place, CancellationToken cancellationToken)
    {
        var placing = true;
        try
        {
            await _raw.ListPagesAsync(first, page =>
            {
                read(page);
                placing = placing && Placed(part, builder, () => place(page));
            }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (IsFailedRead(ex))
        {
            _errors.Add(new CollectionError(part, $"GET /v1.0/{part}", Status(ex), ex.Message));
            builder.NotCollected(part, $"{Status(ex)} {ex.Message}");
            return false;
        }
    }

    private async Task RawListAsync(string path, string part, DirectoryInventoryBuilder builder, Func<JsonElement, string, DirectoryInventoryBuilder> add, CancellationToken cancellationToken)
    {
        var array = new GraphObjectArray();
        try
        {
            await _raw.ListIntoAsync(path, array, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsFailedRead(ex))
        {
            Optional(part, path, ex, builder);
            return;
        }

        Placed(part, builder, () => add(array.ToElement(), "graph " + path));
    }

    /// <summary>
    /// Adds what a list returned; an item without what every such object carries (an id, an appId) cannot be placed,
    /// and the part becomes not collected, with a coverage record, instead of ending the directory shard: its checks
    /// are Unknown.
    /// </summary>
    private bool Placed(string part, DirectoryInventoryBuilder builder, Action add)
    {
        try
        {
            add();
            return true;
        }
        catch (Core.Inventory.AzureAi.InventoryFormatException ex)
        {
            builder.NotCollected(part, "an object lacks what the checks read: " + ex.Message);
            _errors.Add(new CollectionError(part, "GET " + part, 200, ex.Message));
            return false;
        }
    }

    private async Task SingleAsync(string part, DirectoryInventoryBuilder builder, Func<CancellationToken, Task<JsonElement>> read, Func<JsonElement, string, DirectoryInventoryBuilder> set, CancellationToken cancellationToken)
    {
        try
        {
            var element = await read(cancellationToken).ConfigureAwait(false);
            set(element, "graph " + part);
        }
        catch (Exception ex) when (IsFailedRead(ex))
        {
            Optional(part, part, ex, builder);
        }
        catch (Core.Inventory.AzureAi.InventoryFormatException ex)
        {
            // An answer without a property the checks need: those checks are Unknown, the scan goes on.
            builder.NotCollected(part, "the answer lacks what the checks read: " + ex.Message);
            _errors.Add(new CollectionError(part, "GET " + part, 200, ex.Message));
        }
    }

    private void Optional(string part, string path, Exception ex, DirectoryInventoryBuilder builder)
    {
        var status = Status(ex);
        var reason = status switch
        {
            403 => "403 Forbidden: missing permission, licence or delegated-only API",
            404 => "404 Not Found: API not available in this tenant or cloud",
            _ => $"{status} {ex.Message}",
        };
        builder.NotCollected(part, reason);
        if (status is not (403 or 404))
        {
            _errors.Add(new CollectionError(part, "GET " + path, status, ex.Message));
        }
    }

    private Task<JsonElement> RawAsync(string pathOrUrl, CancellationToken cancellationToken) => _raw.GetAsync(pathOrUrl, cancellationToken);

    /// <summary>
    /// A request that failed: Graph answered an error, the transport failed, or the answer was cut short or was not
    /// JSON (the SDK's models surface the last two as the reader's own exceptions).
    /// </summary>
    private static bool IsFailedRead(Exception ex) => ex is ApiException or HttpRequestException or IOException or JsonException;

    private static int Status(Exception ex) => ex switch
    {
        ApiException api => api.ResponseStatusCode,
        HttpRequestException http => (int?)http.StatusCode ?? 0,
        _ => 0,
    };
}

/// <summary>An object whose owners the collector reads.</summary>
/// <param name="Id">Its object id.</param>
/// <param name="IsApplication">True for an app registration (<c>/applications/{id}/owners</c>), false for a service principal.</param>
internal sealed record OwnerTarget(string Id, bool IsApplication)
{
    /// <summary>The Graph path of the object, unique across both kinds.</summary>
    public string Key => (IsApplication ? "applications/" : "servicePrincipals/") + Id;
}
