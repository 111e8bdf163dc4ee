namespace AiSpm.Core.Findings;

/// <summary>Selects findings by the start of their rule id: the rules whose id starts with <paramref name="Prefix"/>, or (<paramref name="Without"/>) every other rule.</summary>
/// <param name="Prefix">The start of the rule ids, such as <c>AISPM-4</c> (the path rules); not empty.</param>
/// <param name="Without">True to select the rules whose id does not start with it.</param>
public sealed record RuleIdPrefix(string Prefix, bool Without = false)
{
    /// <summary>The prefix itself, bounded: every id that starts with <see cref="Prefix"/> sorts at or after it and before <see cref="UpperBound"/>.</summary>
    public string UpperBound => string.IsNullOrEmpty(Prefix)
        ? throw new InvalidOperationException("A rule id prefix is not empty.")
        : string.Concat(Prefix.AsSpan(0, Prefix.Length - 1), ((char)(Prefix[^1] + 1)).ToString());

    /// <summary>True when <paramref name="ruleId"/> is selected.</summary>
    public bool Selects(string? ruleId) => (ruleId?.StartsWith(Prefix, StringComparison.Ordinal) == true) != Without;
}
