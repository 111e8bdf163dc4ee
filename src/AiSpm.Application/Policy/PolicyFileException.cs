namespace AiSpm.Application.Policy;

/// <summary>
/// A policy file could not be used. It carries every problem found, one per line of <see cref="Exception.Message"/>,
/// each as <c>{source}:{line}: {key}: {what is wrong}</c>; <see cref="Line"/> and <see cref="Key"/> are those of the first.
/// <see cref="Exception.Source"/> is the policy file (as the caller named it).
/// </summary>
public sealed class PolicyFileException : Exception
{
    /// <summary>Creates the exception for one problem.</summary>
    /// <param name="source">The policy file, as the caller named it.</param>
    /// <param name="line">The 1-based line at fault.</param>
    /// <param name="key">The dotted path of the key at fault, e.g. <c>exemptions[0].expires</c>.</param>
    /// <param name="problem">What is wrong, as a sentence fragment.</param>
    /// <param name="inner">The cause (the YAML parser's exception), or null.</param>
    public PolicyFileException(string source, int line, string key, string problem, Exception? inner = null)
        : this(source, [(line, key, problem)], inner)
    {
    }

    /// <summary>Creates the exception for several problems, in the order given (at least one).</summary>
    /// <param name="source">The policy file, as the caller named it.</param>
    /// <param name="problems">Each problem's 1-based line, dotted key path and what is wrong.</param>
    /// <param name="inner">The cause, or null.</param>
    public PolicyFileException(string source, IReadOnlyList<(int Line, string Key, string Problem)> problems, Exception? inner = null)
        : base(Format(source, problems), inner)
    {
        Source = source;
        Line = problems[0].Line;
        Key = problems[0].Key;
        Problems = problems.Select(p => Format(source, p)).ToList();
    }

    /// <summary>The 1-based line of the first problem.</summary>
    public int Line { get; }

    /// <summary>The dotted key path of the first problem, e.g. <c>exemptions[0].expires</c>.</summary>
    public string Key { get; }

    /// <summary>Every problem as one line, <c>{source}:{line}: {key}: {what is wrong}</c>.</summary>
    public IReadOnlyList<string> Problems { get; }

    private static string Format(string source, IReadOnlyList<(int Line, string Key, string Problem)> problems)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentOutOfRangeException.ThrowIfZero(problems.Count);
        return string.Join('\n', problems.Select(p => Format(source, p)));
    }

    private static string Format(string source, (int Line, string Key, string Problem) problem) =>
        $"{source}:{problem.Line}: {problem.Key}: {problem.Problem}";
}
