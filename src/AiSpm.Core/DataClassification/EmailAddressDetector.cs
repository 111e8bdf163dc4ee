using System.Text.RegularExpressions;

namespace AiSpm.Core.DataClassification;

/// <summary>
/// Email addresses: a dot-atom local part, <c>@</c>, and a domain of at least two labels whose top-level label is
/// alphabetic. Hint: the local part's first character and the domain (<c>j…@contoso.com</c>).
/// </summary>
public sealed partial class EmailAddressDetector : IPersonalDataDetector
{
    /// <inheritdoc />
    public string Id => "email-address";

    /// <inheritdoc />
    public PersonalDataKind Kind => PersonalDataKind.EmailAddress;

    /// <inheritdoc />
    public IEnumerable<PersonalDataMatch> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in Address().Matches(text))
        {
            var at = match.Value.IndexOf('@', StringComparison.Ordinal);
            yield return new PersonalDataMatch(Kind, Id, match.Index, match.Length, string.Concat(match.Value.AsSpan(0, 1), "…", match.Value.AsSpan(at)));
        }
    }

    [GeneratedRegex(
        @"(?<![A-Za-z0-9._%+-])[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])",
        RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Address();
}
