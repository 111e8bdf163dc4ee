using System.Globalization;
using System.Text.RegularExpressions;

namespace AiSpm.Core.DataClassification;

/// <summary>
/// Swedish personal identity numbers (personnummer, and samordningsnummer whose day is raised by 60):
/// <c>YYMMDD-NNNC</c> or <c>YYYYMMDD-NNNC</c> (separator <c>-</c> or <c>+</c>), a real calendar date and a Luhn check
/// digit over the ten digits. Hint: the last four characters.
/// </summary>
public sealed partial class SwedishPersonalNumberDetector : IPersonalDataDetector
{
    /// <inheritdoc />
    public string Id => "se-personnummer";

    /// <inheritdoc />
    public PersonalDataKind Kind => PersonalDataKind.NationalId;

    /// <inheritdoc />
    public IEnumerable<PersonalDataMatch> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in Candidate().Matches(text))
        {
            var century = match.Groups["century"].Value;
            var (yy, mm, dd, tail) = (match.Groups["yy"].Value, match.Groups["mm"].Value, match.Groups["dd"].Value, match.Groups["tail"].Value);
            var day = int.Parse(dd, CultureInfo.InvariantCulture);
            day = day > 60 ? day - 60 : day;
            var year = century.Length > 0 ? int.Parse(century + yy, CultureInfo.InvariantCulture) : 1900 + int.Parse(yy, CultureInfo.InvariantCulture);
            var month = int.Parse(mm, CultureInfo.InvariantCulture);
            if (month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) && Luhn.IsValid(yy + mm + dd + tail))
            {
                yield return new PersonalDataMatch(Kind, Id, match.Index, match.Length, "…" + tail);
            }
        }
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z])(?<century>1[89]|20)?(?<yy>[0-9]{2})(?<mm>[0-9]{2})(?<dd>[0-9]{2})[-+](?<tail>[0-9]{4})(?![0-9A-Za-z])", RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();
}
