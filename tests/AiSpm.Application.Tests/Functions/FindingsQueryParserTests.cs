using AiSpm.Core.Findings;
using AiSpm.Application.Functions;

namespace AiSpm.Application.Tests.Functions;

/// <summary>The findings API's query string: what each parameter becomes, and the error that names a wrong one.</summary>
public sealed class FindingsQueryParserTests
{
    private static FindingQuery? Parse(out string? problem, params (string Name, string Value)[] query) =>
        FindingsQueryParser.Parse(query.ToDictionary(q => q.Name, q => q.Value, StringComparer.OrdinalIgnoreCase), out problem);

    [Fact]
    public void Every_filter_reaches_the_query()
    {
        var query = Parse(out var problem, ("severity", "high"), ("rule", "aispm-1001"), ("subscription", "6f1c0a00-0000-4000-8000-000000000001"), ("pageSize", "50"), ("resolvedSince", "2026-11-21T08:00:00Z"));

        Assert.Null(problem);
        Assert.Equal(new FindingQuery("sub-6f1c0a00-0000-4000-8000-000000000001", FindingStatus.Resolved, Severity.High, "AISPM-1001", 50, null, new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero)), query);
    }

    [Fact]
    public void A_date_without_a_time_is_midnight_utc()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero), Parse(out _, ("resolvedSince", "2026-11-21"))!.ResolvedSince);
    }

    [Theory]
    [InlineData("resolvedSince", "yesterday", "'resolvedSince' must be an ISO 8601 date")]
    [InlineData("resolvedSince", "12", "'resolvedSince' must be an ISO 8601 date")]
    [InlineData("severity", "urgent", "'severity' must be one of")]
    [InlineData("since", "2026-11-21", "Unknown query parameter 'since'")]
    public void A_wrong_parameter_is_named_with_what_it_should_be(string name, string value, string expected)
    {
        Assert.Null(Parse(out var problem, (name, value)));
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolved_since_with_status_open_is_refused()
    {
        Assert.Null(Parse(out var problem, ("status", "open"), ("resolvedSince", "2026-11-21")));
        Assert.Contains("cannot be combined with status=open", problem, StringComparison.Ordinal);
    }
}
