using AiSpm.Connectors.Persistence;
using Azure.Data.Tables;
using AiSpm.Core.Findings;
using AiSpm.Core.Ports;
using AiSpm.Testing;

namespace AiSpm.Connectors.Tests.Persistence;

public sealed class TableFindingStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    private async Task<(TableFindingStore Store, TableClient Table)> NewStoreAsync()
    {
        var table = await azurite.NewTableAsync("findings");
        return (new TableFindingStore(table), table);
    }

    private static Finding Observed(string resource, string rule = "AISPM-NET-001", Severity severity = Severity.High, string sub = "11111111-1111-1111-1111-111111111111") => new()
    {
        Key = new FindingKey(rule, $"/subscriptions/{sub}/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/{resource}"),
        Severity = severity,
        Category = "NetworkExposure",
        Title = "Public network access is enabled",
        Evidence = new Dictionary<string, string> { ["publicNetworkAccess"] = "Enabled" },
    };

    [Fact]
    public async Task Lifecycle_keeps_first_seen_resolves_unseen_and_reopens()
    {
        var (store, _) = await NewStoreAsync();
        var a = Observed("a");
        var b = Observed("b");
        var scope = a.Key.Scope;

        var first = await store.RecordAsync("scan1", [a, b], T0);
        var second = await store.RecordAsync("scan2", [a], T0.AddDays(1));
        var resolved = await store.ResolveUnseenAsync(scope, "scan2", T0.AddDays(1));
        var third = await store.RecordAsync("scan3", [a, b], T0.AddDays(2));

        Assert.Equal(new FindingUpsertSummary(2, 0, 0, 0), first);
        Assert.Equal(new FindingUpsertSummary(0, 1, 0, 0), second);
        Assert.Equal(1, resolved);
        Assert.Equal(new FindingUpsertSummary(0, 1, 1, 0), third);
        var storedA = await store.GetAsync(scope, a.Key.Id);
        var storedB = await store.GetAsync(scope, b.Key.Id);
        Assert.Equal(T0, storedA!.FirstSeen);
        Assert.Equal(T0.AddDays(2), storedA.LastSeen);
        Assert.Equal("scan3", storedA.LastScanId);
        Assert.Equal(FindingStatus.Open, storedB!.Status);
        Assert.Equal(T0, storedB.FirstSeen);
        Assert.Equal(1, storedB.ReopenCount);
        Assert.Equal(T0.AddDays(1), storedB.ResolvedAt);
        Assert.Equal("Enabled", storedA.Finding.Evidence["publicNetworkAccess"]);
    }

    [Fact]
    public async Task Reconciling_a_shard_records_what_it_saw_and_resolves_only_what_its_scopes_no_longer_show()
    {
        var (store, _) = await NewStoreAsync();
        const string s1 = "11111111-1111-1111-1111-111111111111", s2 = "22222222-2222-2222-2222-222222222222", s3 = "33333333-3333-3333-3333-333333333333";
        var seenAgain = Observed("a", sub: s1);
        var gone = Observed("b", sub: s1);
        var goneWithoutSightings = Observed("c", sub: s3);
        var undecided = Observed("d", sub: s3);
        var path = Observed("e", rule: "AISPM-4001", sub: s3);
        var otherShard = Observed("f", sub: s2); // between the shard's two subscriptions, in no scope of it
        var fresh = Observed("g", sub: s1);
        await store.RecordAsync("scan1", [seenAgain, gone, goneWithoutSightings, undecided, path, otherShard], T0);
        var resolution = new UnseenResolution(
            [FindingScope.ForSubscription(s1), FindingScope.ForSubscription(s3)],
            Keep: new HashSet<string>(StringComparer.Ordinal) { undecided.Key.Id },
            Rules: rule => rule != "AISPM-4001");

        var first = await store.ReconcileAsync("scan2", [seenAgain, fresh], resolution, T0.AddDays(1));
        var redelivered = await store.ReconcileAsync("scan2", [seenAgain, fresh], resolution, T0.AddDays(1));

        Assert.Equal((new FindingUpsertSummary(1, 1, 0, 0), 2), (first.Recorded, first.Resolved));
        Assert.Equal((new FindingUpsertSummary(0, 0, 0, 2), 0), (redelivered.Recorded, redelivered.Resolved));
        async Task<FindingStatus?> StatusOf(Finding f) => (await store.GetAsync(f.Key.Scope, f.Key.Id))?.Status;
        Assert.Equal(FindingStatus.Open, await StatusOf(seenAgain));
        Assert.Equal(FindingStatus.Open, await StatusOf(fresh));
        Assert.Equal(FindingStatus.Resolved, await StatusOf(gone));
        Assert.Equal(FindingStatus.Resolved, await StatusOf(goneWithoutSightings));
        Assert.Equal(FindingStatus.Open, await StatusOf(undecided));
        Assert.Equal(FindingStatus.Open, await StatusOf(path));
        Assert.Equal(FindingStatus.Open, await StatusOf(otherShard));
        Assert.Equal(T0.AddDays(1), (await store.GetAsync(gone.Key.Scope, gone.Key.Id))!.ResolvedAt);
    }

    [Fact]
    public async Task A_whole_scope_reconciliation_tallies_what_it_left_open_and_exempted_as_the_table_counts_it()
    {
        var (store, _) = await NewStoreAsync();
        const string s1 = "11111111-1111-1111-1111-111111111111", s3 = "33333333-3333-3333-3333-333333333333", other = "22222222-2222-2222-2222-222222222222";
        var exemption = new FindingExemption("ex-1", "accepted", "team@contoso.example", T0.AddDays(30));
        var seenAgain = Observed("a", sub: s1, severity: Severity.Critical);
        var gone = Observed("b", sub: s1);
        var undecided = Observed("c", sub: s3, severity: Severity.Medium);
        var exemptedBefore = Observed("d", sub: s3, severity: Severity.Low) with { Exemption = exemption };
        var resolvedBefore = Observed("e", sub: s3);
        var path = Observed("f", rule: "AISPM-4001", sub: s3);
        var outside = Observed("g", sub: other);
        var nowExempted = Observed("h", sub: s1, severity: Severity.High) with { Exemption = exemption };
        await store.RecordAsync("scan1", [seenAgain, gone, undecided, exemptedBefore, resolvedBefore, path, outside], T0);
        await store.ResolveUnseenAsync(resolvedBefore.Key.Scope, "scan1b", T0, resolvedBefore.Key.ResourceId);
        var resolution = new UnseenResolution(
            [FindingScope.ForSubscription(s1), FindingScope.ForSubscription(s3)],
            Keep: new HashSet<string>(StringComparer.Ordinal) { undecided.Key.Id, exemptedBefore.Key.Id },
            Rules: rule => rule != "AISPM-4001");

        var reconciled = await store.ReconcileAsync("scan2", [seenAgain, nowExempted], resolution, T0.AddDays(1));
        var redelivered = await store.ReconcileAsync("scan2", [seenAgain, nowExempted], resolution, T0.AddDays(1));

        // Open: a (critical), c (medium, undecided); exempted: d (low, kept), h (high, observed with an exemption). Not
        // counted: b (resolved now), e (resolved before), the path (rules the resolution does not govern), g (outside).
        var expected = new Dictionary<FindingStatus, Dictionary<Severity, int>>
        {
            [FindingStatus.Open] = new() { [Severity.Critical] = 1, [Severity.Medium] = 1 },
            [FindingStatus.Exempted] = new() { [Severity.Low] = 1, [Severity.High] = 1 },
        };
        foreach (var tally in new[] { reconciled.Tally, redelivered.Tally })
        {
            Assert.NotNull(tally);
            Assert.Equal(expected[FindingStatus.Open], tally.Open.ToDictionary());
            Assert.Equal(expected[FindingStatus.Exempted], tally.Exempted.ToDictionary());
        }

        // Left open without being seen: the undecided check and the attack path (a rule the resolution does not govern).
        Assert.Equal(new[] { undecided.Key.Id, path.Key.Id }.Order(), reconciled.KeptOpen!.Select(k => k.Id).Order());
        Assert.Equal(new[] { undecided.Key.Id, path.Key.Id }.Order(), redelivered.KeptOpen!.Select(k => k.Id).Order());

        // The same as the table says of those scopes, attack paths apart.
        foreach (var (status, bySeverity) in expected)
        {
            var counted = new Dictionary<Severity, int>();
            foreach (var scope in resolution.Scopes)
            {
                var inScope = await store.CountBySeverityAsync(scope, [status], rules: new RuleIdPrefix("AISPM-4") { Without = true });
                foreach (var (severity, count) in inScope[status])
                {
                    counted[severity] = counted.GetValueOrDefault(severity) + count;
                }
            }

            Assert.Equal(bySeverity, counted);
        }

        // A re-scan of one resource tallies nothing: the rest of its scope was not looked at.
        var oneResource = await store.ReconcileAsync("scan3", [seenAgain], resolution with { ResourceId = seenAgain.Key.ResourceId }, T0.AddDays(2));
        Assert.Null(oneResource.Tally);
        Assert.Null(oneResource.KeptOpen);

        // A source that refused resolves nothing of what it did not show, and still tallies its scopes.
        var refused = await store.ReconcileAsync("scan4", [], resolution with { ResolvesNothing = true }, T0.AddDays(3));
        Assert.Equal(0, refused.Resolved);
        Assert.Equal(expected[FindingStatus.Open], refused.Tally!.Open.ToDictionary());
        Assert.Equal(expected[FindingStatus.Exempted], refused.Tally.Exempted.ToDictionary());
    }

    [Fact]
    public async Task Recording_a_few_rules_across_many_subscriptions_keeps_their_lifecycle()
    {
        var (store, _) = await NewStoreAsync();
        var subscriptions = Enumerable.Range(1, 12).Select(i => $"{i:x8}-0000-0000-0000-000000000000").ToList();
        var paths = subscriptions.Select(s => Observed("p", rule: "AISPM-4001", sub: s)).ToList();
        var others = subscriptions.Select(s => Observed("p", rule: "AISPM-NET-001", sub: s)).ToList();
        await store.RecordAsync("scan1", [.. paths, .. others], T0);
        var gone = paths[3];
        await store.ResolveUnseenAsync(gone.Key.Scope, "scan2", T0.AddDays(1), rules: rule => rule == "AISPM-4001");

        var again = await store.RecordAsync("scan3", paths, T0.AddDays(2));

        Assert.Equal(new FindingUpsertSummary(0, 11, 1, 0), again);
        var reopened = await store.GetAsync(gone.Key.Scope, gone.Key.Id);
        Assert.Equal((FindingStatus.Open, 1, T0), (reopened!.Status, reopened.ReopenCount, reopened.FirstSeen));
        Assert.Equal("scan1", (await store.GetAsync(others[3].Key.Scope, others[3].Key.Id))!.LastScanId);
    }

    [Fact]
    public async Task Counting_by_severity_across_scopes_counts_every_scope_each_status_asked_apart_and_the_rules_of_a_prefix_or_all_others()
    {
        var (store, _) = await NewStoreAsync();
        Finding Tenant(string id, Severity severity) => new()
        {
            Key = new FindingKey("AISPM-2001", $"graph:/servicePrincipals/{id}"),
            Severity = severity,
            Category = "Identity",
            Title = "App holds a Tier-0 permission",
        };
        var subscriptionFindings = Enumerable.Range(0, 40)
            .Select(i => Observed($"r{i}", severity: i % 3 == 0 ? Severity.Critical : Severity.Medium, sub: $"{i % 16:x}{i:x7}-0000-0000-0000-000000000000"))
            .ToList();
        List<Finding> all = [.. subscriptionFindings, Tenant("a", Severity.High), Tenant("b", Severity.High)];
        await store.RecordAsync("scan1", all, T0);
        await store.ResolveUnseenAsync(FindingScope.Tenant, "scan2", T0.AddDays(1), resourceId: "graph:/servicePrincipals/b");

        var counts = await store.CountBySeverityAsync(null, [FindingStatus.Open, FindingStatus.Resolved, FindingStatus.Exempted]);
        var openOnly = await store.CountBySeverityAsync(null, [FindingStatus.Open]);
        var covered = await store.CountBySeverityAsync(null, [FindingStatus.Open], resourceId => resourceId.StartsWith("graph:", StringComparison.Ordinal));
        var inOneScope = await store.CountBySeverityAsync(FindingScope.Tenant, [FindingStatus.Open, FindingStatus.Resolved]);
        var ofEntraRules = await store.CountBySeverityAsync(null, [FindingStatus.Open], rules: new RuleIdPrefix("AISPM-2"));
        var ofOtherRules = await store.CountBySeverityAsync(null, [FindingStatus.Open], rules: new RuleIdPrefix("AISPM-2", Without: true));

        Assert.Equal(new Dictionary<Severity, int> { [Severity.Critical] = 14, [Severity.Medium] = 26, [Severity.High] = 1 }, counts[FindingStatus.Open]);
        Assert.Equal(new Dictionary<Severity, int> { [Severity.High] = 1 }, counts[FindingStatus.Resolved]);
        Assert.Empty(counts[FindingStatus.Exempted]);
        Assert.Equal(counts[FindingStatus.Open], openOnly[FindingStatus.Open]);
        Assert.Equal([FindingStatus.Open], openOnly.Keys);
        Assert.Equal(new Dictionary<Severity, int> { [Severity.High] = 1 }, covered[FindingStatus.Open]);
        Assert.Equal((1, 1), (inOneScope[FindingStatus.Open][Severity.High], inOneScope[FindingStatus.Resolved][Severity.High]));
        Assert.Equal(new Dictionary<Severity, int> { [Severity.High] = 1 }, ofEntraRules[FindingStatus.Open]);
        Assert.Equal(new Dictionary<Severity, int> { [Severity.Critical] = 14, [Severity.Medium] = 26 }, ofOtherRules[FindingStatus.Open]);
    }

    [Fact]
    public async Task Reconciling_one_resource_resolves_only_that_resources_findings()
    {
        var (store, _) = await NewStoreAsync();
        var target = Observed("a");
        var neighbour = Observed("b");
        await store.RecordAsync("scan1", [target, neighbour], T0);

        var result = await store.ReconcileAsync("scan2", [], new UnseenResolution([target.Key.Scope], target.Key.ResourceId), T0.AddDays(1));

        Assert.Equal(1, result.Resolved);
        Assert.Equal(FindingStatus.Resolved, (await store.GetAsync(target.Key.Scope, target.Key.Id))!.Status);
        Assert.Equal(FindingStatus.Open, (await store.GetAsync(neighbour.Key.Scope, neighbour.Key.Id))!.Status);
    }

    [Fact]
    public async Task Amending_changes_what_an_open_finding_says_and_keeps_its_lifecycle_and_a_resolved_one_is_left_alone()
    {
        var (store, _) = await NewStoreAsync();
        var a = Observed("a");
        var b = Observed("b");
        await store.RecordAsync("scan1", [a, b], T0);
        await store.RecordAsync("scan2", [a, b], T0.AddDays(1));
        await store.RecordAsync("scan3", [a], T0.AddDays(2));
        await store.ResolveUnseenAsync(a.Key.Scope, "scan3", T0.AddDays(2));

        var amended = await store.AmendAsync(a with { Detail = "now attributed", Evidence = new Dictionary<string, string> { ["account"] = "x" } });
        var resolvedAmended = await store.AmendAsync(b with { Detail = "should not land" });

        var storedA = (await store.GetAsync(a.Key.Scope, a.Key.Id))!;
        var storedB = (await store.GetAsync(b.Key.Scope, b.Key.Id))!;
        Assert.True(amended);
        Assert.False(resolvedAmended);
        Assert.Equal("now attributed", storedA.Finding.Detail);
        Assert.Equal("x", storedA.Finding.Evidence["account"]);
        Assert.Equal((T0, T0.AddDays(2), "scan3", FindingStatus.Open), (storedA.FirstSeen, storedA.LastSeen, storedA.LastScanId, storedA.Status));
        Assert.Equal(FindingStatus.Resolved, storedB.Status);
        Assert.NotEqual("should not land", storedB.Finding.Detail);
    }

    [Fact]
    public async Task Resolved_since_is_filtered_by_the_table_service()
    {
        var (store, _) = await NewStoreAsync();
        var a = Observed("a");
        var b = Observed("b");
        await store.RecordAsync("scan1", [a, b], T0);
        await store.RecordAsync("scan2", [b], T0.AddDays(1));
        await store.ResolveUnseenAsync(a.Key.Scope, "scan2", T0.AddDays(1));
        await store.RecordAsync("scan3", [], T0.AddDays(3));
        await store.ResolveUnseenAsync(a.Key.Scope, "scan3", T0.AddDays(3));

        var recent = await store.QueryAsync(new FindingQuery(Status: FindingStatus.Resolved, ResolvedSince: T0.AddDays(2)));
        var all = await store.QueryAsync(new FindingQuery(Status: FindingStatus.Resolved));

        Assert.Equal([b.Key.Id], recent.Findings.Select(f => f.Finding.Key.Id));
        Assert.Equal(2, all.Findings.Count);
    }

    [Fact]
    public async Task Recording_a_few_rules_in_a_large_partition_keeps_their_lifecycle_and_leaves_the_other_rules_rows_alone()
    {
        var (store, table) = await NewStoreAsync();
        var many = Enumerable.Range(0, 40).Select(i => Observed($"r{i}", $"AISPM-{1000 + (i % 20)}")).ToList();
        var path = Observed("r0", "AISPM-4001");
        await store.RecordAsync("scan1", [.. many, path], T0);
        await store.RecordAsync("scan2", many, T0.AddDays(1));
        await store.ResolveUnseenAsync(path.Key.Scope, "scan2", T0.AddDays(1));

        var again = await store.RecordAsync("scan3", [path], T0.AddDays(2));
        var twice = await store.RecordAsync("scan3", [path], T0.AddDays(2));

        Assert.Equal(new FindingUpsertSummary(0, 0, 1, 0), again);
        Assert.Equal(new FindingUpsertSummary(0, 0, 0, 1), twice);
        var stored = await store.GetAsync(path.Key.Scope, path.Key.Id);
        Assert.Equal((FindingStatus.Open, T0, 1), (stored!.Status, stored.FirstSeen, stored.ReopenCount));
        Assert.All(await table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RuleId ne {"AISPM-4001"}")).ToListAsync(), row => Assert.Equal("scan2", row.GetString("LastScanId")));

        // A row that lost its rule column is not found by the rule's read: the conflict makes the retry read the whole partition.
        await table.UpdateEntityAsync(new TableEntity(path.Key.Scope, path.Key.Id) { ["RuleId"] = null }, Azure.ETag.All, TableUpdateMode.Replace);
        var repaired = await store.RecordAsync("scan4", [path], T0.AddDays(3));
        Assert.Equal(1, repaired.Updated + repaired.Reopened);
    }

    [Fact]
    public async Task A_query_for_several_rules_returns_the_findings_of_those_rules_only()
    {
        var (store, _) = await NewStoreAsync();
        var findings = new[] { Observed("a", "AISPM-1001"), Observed("b", "AISPM-1002"), Observed("c", "AISPM-3001"), Observed("d", "AISPM-4001") };
        await store.RecordAsync("scan1", findings, T0);

        var some = await store.QueryAsync(new FindingQuery(Status: FindingStatus.Open, RuleIds: ["AISPM-1002", "AISPM-4001", "AISPM-9999"]));
        var none = await store.QueryAsync(new FindingQuery(RuleIds: []));
        var both = await store.QueryAsync(new FindingQuery(RuleId: "AISPM-1001", RuleIds: ["AISPM-1002"]));

        Assert.Equal(["AISPM-1002", "AISPM-4001"], some.Findings.Select(f => f.Finding.Key.RuleId).Order(StringComparer.Ordinal));
        Assert.Empty(none.Findings);
        Assert.Empty(both.Findings);
    }

    [Fact]
    public async Task More_rule_ids_than_one_filter_may_compare_are_read_in_turn_and_one_query_refuses_them()
    {
        var (store, _) = await NewStoreAsync();
        var findings = Enumerable.Range(0, 30).Select(i => Observed($"r{i}", $"AISPM-{1000 + i}")).ToList();
        await store.RecordAsync("scan1", findings, T0);
        var wanted = Enumerable.Range(0, 30).Where(i => i % 2 == 0).Select(i => $"AISPM-{1000 + i}").Append("AISPM-9999").ToList();

        var read = await store.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open, RuleIds: wanted)).Select(f => f.Finding.Key.RuleId).ToListAsync();

        Assert.Equal(wanted.Take(15).Order(StringComparer.Ordinal), read.Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.QueryAsync(new FindingQuery(RuleIds: wanted)));
    }

    [Fact]
    public async Task Reading_every_finding_across_scopes_streams_what_the_pages_list_in_the_same_order()
    {
        var (store, _) = await NewStoreAsync();
        Finding Elsewhere(string resourceId, string rule) => new()
        {
            Key = new FindingKey(rule, resourceId),
            Severity = Severity.Medium,
            Category = "Identity",
            Title = "Outside the subscriptions",
        };
        // Subscriptions whose ids start with every hex digit, the tenant, a Power Platform environment: keys on both sides
        // of each range the store reads in.
        var findings = Enumerable.Range(0, 48)
            .Select(i => Observed($"r{i}", rule: i % 4 == 0 ? "AISPM-1002" : "AISPM-NET-001", severity: i % 3 == 0 ? Severity.Critical : Severity.Medium, sub: $"{i % 16:x}{i:x7}-0000-0000-0000-000000000000"))
            .Append(Elsewhere("graph:/servicePrincipals/a", "AISPM-2001"))
            .Append(Elsewhere("graph:/servicePrincipals/b", "AISPM-1002"))
            .Append(Elsewhere($"{FindingScope.PowerPlatformPrefix}env1/bots/b1", "AISPM-2040"))
            .ToList();
        await store.RecordAsync("scan1", findings, T0);
        await store.ResolveUnseenAsync(FindingScope.Tenant, "scan2", T0.AddDays(1), resourceId: "graph:/servicePrincipals/b");

        async Task<List<string>> PagedAsync(FindingQuery query)
        {
            var ids = new List<string>();
            for (var page = await store.QueryAsync(query with { PageSize = 7 }); ; page = await store.QueryAsync(query with { PageSize = 7, ContinuationToken = page.ContinuationToken }))
            {
                ids.AddRange(page.Findings.Select(f => f.Finding.Key.Id));
                if (page.ContinuationToken is null)
                {
                    return ids;
                }
            }
        }

        // Every row; the open ones of two rules; a filter with no room left for a key range (read in one query).
        var tooFull = new FindingQuery(Status: FindingStatus.Resolved, MinimumSeverity: Severity.Low, RuleId: "AISPM-1002", ResolvedSince: T0.AddYears(-1),
            RuleIds: ["AISPM-1002", .. Enumerable.Range(0, 9).Select(i => $"AISPM-90{i}")]);
        foreach (var query in new[] { new FindingQuery(), new FindingQuery(Status: FindingStatus.Open, RuleIds: ["AISPM-1002", "AISPM-2040"]), tooFull })
        {
            var streamed = await store.QueryAllAsync(query).Select(f => f.Finding.Key.Id).ToListAsync();
            Assert.Equal(await PagedAsync(query), streamed);
        }

        Assert.Equal(findings.Count, await store.QueryAllAsync(new FindingQuery()).CountAsync());
        Assert.Equal(12 + 1, await store.QueryAllAsync(new FindingQuery(Status: FindingStatus.Open, RuleIds: ["AISPM-1002", "AISPM-2040"])).CountAsync());
        Assert.Equal(["AISPM-1002"], await store.QueryAllAsync(tooFull).Select(f => f.Finding.Key.RuleId).ToListAsync());
    }

    [Fact]
    public async Task Recording_a_redelivered_shard_changes_nothing()
    {
        var (store, _) = await NewStoreAsync();
        var a = Observed("a");

        await store.RecordAsync("scan1", [a], T0);
        var again = await store.RecordAsync("scan1", [a], T0.AddMinutes(5));

        Assert.Equal(new FindingUpsertSummary(0, 0, 0, 1), again);
        Assert.Equal(T0, (await store.GetAsync(a.Key.Scope, a.Key.Id))!.LastSeen);
    }

    [Fact]
    public async Task Targeted_resolve_touches_only_the_named_resource()
    {
        var (store, _) = await NewStoreAsync();
        var a = Observed("a");
        var b = Observed("b");
        await store.RecordAsync("full", [a, b], T0);

        var resolved = await store.ResolveUnseenAsync(a.Key.Scope, "event1", T0.AddHours(1), a.Key.ResourceId);

        Assert.Equal(1, resolved);
        Assert.Equal(FindingStatus.Resolved, (await store.GetAsync(a.Key.Scope, a.Key.Id))!.Status);
        Assert.Equal(FindingStatus.Open, (await store.GetAsync(b.Key.Scope, b.Key.Id))!.Status);
    }

    [Fact]
    public async Task Resolve_stays_within_its_scope()
    {
        var (store, _) = await NewStoreAsync();
        var here = Observed("a", sub: "11111111-1111-1111-1111-111111111111");
        var there = Observed("a", sub: "22222222-2222-2222-2222-222222222222");
        await store.RecordAsync("scan1", [here, there], T0);

        await store.ResolveUnseenAsync(here.Key.Scope, "scan2", T0.AddDays(1));

        Assert.Equal(FindingStatus.Resolved, (await store.GetAsync(here.Key.Scope, here.Key.Id))!.Status);
        Assert.Equal(FindingStatus.Open, (await store.GetAsync(there.Key.Scope, there.Key.Id))!.Status);
    }

    [Fact]
    public async Task Thousand_findings_across_scopes_record_and_page_back_with_filters()
    {
        var (store, _) = await NewStoreAsync();
        var observations = Enumerable.Range(0, 1_000)
            .Select(i => Observed($"acct{i}", severity: (Severity)(i % 5), sub: $"0000000{i % 4}-0000-0000-0000-000000000000"))
            .ToList();

        var summary = await store.RecordAsync("scan1", observations, T0);
        var all = new List<StoredFinding>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await store.QueryAsync(new FindingQuery(PageSize: 300, ContinuationToken: token));
            all.AddRange(page.Findings);
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);
        var high = await store.QueryAsync(new FindingQuery(Scope: FindingScope.ForSubscription("00000001-0000-0000-0000-000000000000"), MinimumSeverity: Severity.High, PageSize: 1000));

        Assert.Equal(1_000, summary.Created);
        Assert.Equal(1_000, all.Count);
        Assert.True(pages >= 4);
        Assert.Equal(observations.Select(o => o.Key.Id).Order(), all.Select(f => f.Finding.Key.Id).Order());
        Assert.Equal(observations.Count(o => o.Key.Scope == "sub-00000001-0000-0000-0000-000000000000" && o.Severity >= Severity.High), high.Findings.Count);
        Assert.All(high.Findings, f => Assert.True(f.Finding.Severity >= Severity.High));
    }

    [Fact]
    public async Task A_forged_continuation_token_is_refused_clearly()
    {
        var (store, _) = await NewStoreAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.QueryAsync(new FindingQuery(ContinuationToken: "not-a-token")));

        Assert.Contains("continuation token", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_are_stored_only_as_fingerprint_and_hint()
    {
        var (store, table) = await NewStoreAsync();
        var leaked = Observed("a", rule: "AISPM-SEC-001") with { SecretFingerprint = "hmac-sha256:ab12", SecretHint = "sk-p…J3kA" };

        await store.RecordAsync("scan1", [leaked], T0);
        var row = (await table.GetEntityAsync<TableEntity>(leaked.Key.Scope, leaked.Key.Id)).Value;

        Assert.Equal("hmac-sha256:ab12", row!.GetString("SecretFingerprint"));
        Assert.Equal("sk-p…J3kA", row.GetString("SecretHint"));
    }
}
