using System.Text.RegularExpressions;

namespace AiSpm.Core.DataClassification;

/// <summary>
/// US Social Security numbers written as <c>AAA-GG-SSSS</c>: the format has no check digit, so only numbers the
/// Social Security Administration can issue count (area not 000, 666 or 900–999; group not 00; serial not 0000), and
/// only in the hyphenated form (a bare nine-digit number is too often something else). Hint: the last four digits.
/// </summary>
public sealed partial class UsSocialSecurityNumberDetector : IPersonalDataDetector
{
    /// <inheritdoc />
    public string Id => "us-ssn";

    /// <inheritdoc />
    public PersonalDataKind Kind => PersonalDataKind.NationalId;

    /// <inheritdoc />
    public IEnumerable<PersonalDataMatch> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in Candidate().Matches(text))
        {
            var area = int.Parse(match.Groups["area"].ValueSpan, provider: System.Globalization.CultureInfo.InvariantCulture);
            if (area is not (0 or 666 or >= 900) && match.Groups["group"].Value != "00" && match.Groups["serial"].Value != "0000")
            {
                yield return new PersonalDataMatch(Kind, Id, match.Index, match.Length, "…" + match.Groups["serial"].Value);
            }
        }
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z-])(?<area>[0-9]{3})-(?<group>[0-9]{2})-(?<serial>[0-9]{4})(?![0-9A-Za-z]|-[0-9])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();
}
