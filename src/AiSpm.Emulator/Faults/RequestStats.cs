using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace AiSpm.Emulator.Faults;

/// <summary>Counts requests per route template (e.g. <c>ARM GET /subscriptions/{subscriptionId}/resources</c>) and per status.</summary>
public sealed class RequestStats
{
    private readonly ConcurrentDictionary<string, long> _routes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<int, long> _statuses = new();
    private readonly ConcurrentDictionary<string, byte> _delegatedTokens = new(StringComparer.Ordinal);

    /// <summary>Requests seen per route template.</summary>
    public IReadOnlyDictionary<string, long> Routes => _routes;

    /// <summary>Answers sent per HTTP status (aborted connections are not answers).</summary>
    public IReadOnlyDictionary<int, long> Statuses => _statuses;

    /// <summary>The number of requests seen for a route template (0 when none).</summary>
    public long CountOf(string route) => _routes.TryGetValue(route, out var count) ? count : 0;

    /// <summary>
    /// The delegated (signed-in user) bearer tokens requests carried, so a test can look for them where they must never
    /// be written (storage, output). Not part of <c>GET /_emulator/stats</c>.
    /// </summary>
    public IReadOnlyCollection<string> DelegatedTokens => _delegatedTokens.Keys.ToList();

    internal void SawDelegatedToken(string token) => _delegatedTokens.TryAdd(token, 0);

    internal void CountRequest(string route) => _routes.AddOrUpdate(route, 1, (_, n) => n + 1);

    internal void CountStatus(int status) => _statuses.AddOrUpdate(status, 1, (_, n) => n + 1);

    internal JsonObject ToJson()
    {
        var routes = new JsonObject();
        foreach (var (route, count) in _routes.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            routes[route] = count;
        }

        var statuses = new JsonObject();
        foreach (var (status, count) in _statuses.OrderBy(s => s.Key))
        {
            statuses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = count;
        }

        return new JsonObject { ["total"] = _routes.Values.Sum(), ["routes"] = routes, ["statuses"] = statuses };
    }
}
