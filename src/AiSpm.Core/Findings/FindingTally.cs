namespace AiSpm.Core.Findings;

/// <summary>
/// The open and exempted findings of some scopes by severity, as recording a scan left them: what a full scan's shards
/// hand its close, which adds them up for the run's summary instead of counting the whole findings table again.
/// </summary>
/// <param name="Open">Open findings by severity (severities with none are absent).</param>
/// <param name="Exempted">Exempted findings by severity (severities with none are absent).</param>
public sealed record FindingTally(IReadOnlyDictionary<Severity, int> Open, IReadOnlyDictionary<Severity, int> Exempted)
{
    /// <summary>No findings.</summary>
    public static FindingTally Empty { get; } = new(new Dictionary<Severity, int>(), new Dictionary<Severity, int>());

    /// <summary>The findings of this tally's scopes and of <paramref name="other"/>'s (scopes never overlap).</summary>
    public FindingTally Add(FindingTally other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new FindingTally(Sum(Open, other.Open), Sum(Exempted, other.Exempted));
    }

    /// <summary>The tally as the summary counts read it: by status (open, exempted), then by severity.</summary>
    public IReadOnlyDictionary<FindingStatus, IReadOnlyDictionary<Severity, int>> ByStatus() =>
        new Dictionary<FindingStatus, IReadOnlyDictionary<Severity, int>> { [FindingStatus.Open] = Open, [FindingStatus.Exempted] = Exempted };

    /// <summary>Counts findings one at a time; a status other than open or exempted is not counted.</summary>
    public sealed class Builder
    {
        private readonly Dictionary<Severity, int> _open = [];
        private readonly Dictionary<Severity, int> _exempted = [];

        /// <summary>Counts one finding of <paramref name="status"/> and <paramref name="severity"/>.</summary>
        public void Count(FindingStatus status, Severity severity)
        {
            var counts = status switch
            {
                FindingStatus.Open => _open,
                FindingStatus.Exempted => _exempted,
                _ => null,
            };
            if (counts is not null)
            {
                counts[severity] = counts.GetValueOrDefault(severity) + 1;
            }
        }

        /// <summary>What was counted.</summary>
        public FindingTally Build() => new(new Dictionary<Severity, int>(_open), new Dictionary<Severity, int>(_exempted));
    }

    private static Dictionary<Severity, int> Sum(IReadOnlyDictionary<Severity, int> left, IReadOnlyDictionary<Severity, int> right)
    {
        var sum = new Dictionary<Severity, int>(left);
        foreach (var (severity, count) in right)
        {
            sum[severity] = sum.GetValueOrDefault(severity) + count;
        }

        return sum;
    }
}
