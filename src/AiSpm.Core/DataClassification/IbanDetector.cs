using System.Text.RegularExpressions;

namespace AiSpm.Core.DataClassification;

/// <summary>
/// International Bank Account Numbers: a country code of the IBAN registry, two check digits and the country's basic
/// bank account number, at the country's registered length, written together or in groups of four separated by single
/// spaces, whose ISO 7064 mod 97-10 check holds. Hint: the country code and the last four characters (<c>DE…3000</c>).
/// </summary>
public sealed partial class IbanDetector : IPersonalDataDetector
{
    /// <summary>IBAN lengths by country, from the SWIFT IBAN registry.</summary>
    private static readonly Dictionary<string, int> Lengths = new(StringComparer.Ordinal)
    {
        ["AD"] = 24, ["AE"] = 23, ["AL"] = 28, ["AT"] = 20, ["AZ"] = 28, ["BA"] = 20, ["BE"] = 16, ["BG"] = 22, ["BH"] = 22,
        ["BR"] = 29, ["BY"] = 28, ["CH"] = 21, ["CR"] = 22, ["CY"] = 28, ["CZ"] = 24, ["DE"] = 22, ["DK"] = 18, ["DO"] = 28,
        ["EE"] = 20, ["EG"] = 29, ["ES"] = 24, ["FI"] = 18, ["FO"] = 18, ["FR"] = 27, ["GB"] = 22, ["GE"] = 22, ["GI"] = 23,
        ["GL"] = 18, ["GR"] = 27, ["GT"] = 28, ["HR"] = 21, ["HU"] = 28, ["IE"] = 22, ["IL"] = 23, ["IQ"] = 23, ["IS"] = 26,
        ["IT"] = 27, ["JO"] = 30, ["KW"] = 30, ["KZ"] = 20, ["LB"] = 28, ["LC"] = 32, ["LI"] = 21, ["LT"] = 20, ["LU"] = 20,
        ["LV"] = 21, ["MC"] = 27, ["MD"] = 24, ["ME"] = 22, ["MK"] = 19, ["MR"] = 27, ["MT"] = 31, ["MU"] = 30, ["NL"] = 18,
        ["NO"] = 15, ["PK"] = 24, ["PL"] = 28, ["PS"] = 29, ["PT"] = 25, ["QA"] = 29, ["RO"] = 24, ["RS"] = 22, ["SA"] = 24,
        ["SC"] = 31, ["SE"] = 24, ["SI"] = 19, ["SK"] = 24, ["SM"] = 27, ["ST"] = 25, ["SV"] = 28, ["TL"] = 23, ["TN"] = 24,
        ["TR"] = 26, ["UA"] = 29, ["VA"] = 22, ["VG"] = 24, ["XK"] = 20,
    };

    /// <inheritdoc />
    public string Id => "iban";

    /// <inheritdoc />
    public PersonalDataKind Kind => PersonalDataKind.Iban;

    /// <inheritdoc />
    public IEnumerable<PersonalDataMatch> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in Candidate().Matches(text))
        {
            var compact = match.Value.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
            // The pattern may run into the next word's letters or digits; the country's length says where the IBAN ends.
            if (Lengths.TryGetValue(compact[..2], out var length) && compact.Length >= length && IsValid(compact[..length]))
            {
                var span = SpanOf(match.Value, length);
                yield return new PersonalDataMatch(Kind, Id, match.Index, span, compact[..2] + "…" + compact[(length - 4)..length]);
            }
        }
    }

    /// <summary>Whether <paramref name="iban"/> (no spaces, upper case) has its country's length and valid check digits.</summary>
    public static bool IsValid(string iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        if (iban.Length < 5 || !Lengths.TryGetValue(iban[..2], out var length) || iban.Length != length || !char.IsAsciiDigit(iban[2]) || !char.IsAsciiDigit(iban[3]))
        {
            return false;
        }

        // Move the first four characters to the end, letters become 10..35, and the number mod 97 must be 1.
        var remainder = 0;
        foreach (var c in string.Concat(iban.AsSpan(4), iban.AsSpan(0, 4)))
        {
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else if (char.IsAsciiLetterUpper(c))
            {
                remainder = ((remainder * 100) + (c - 'A' + 10)) % 97;
            }
            else
            {
                return false;
            }
        }

        return remainder == 1;
    }

    /// <summary>How many characters of <paramref name="written"/> (with its spaces) hold the first <paramref name="length"/> IBAN characters.</summary>
    private static int SpanOf(string written, int length)
    {
        var seen = 0;
        for (var i = 0; i < written.Length; i++)
        {
            if (written[i] != ' ' && ++seen == length)
            {
                return i + 1;
            }
        }

        return written.Length;
    }

    [GeneratedRegex(@"(?<![A-Za-z0-9])[A-Z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();
}
