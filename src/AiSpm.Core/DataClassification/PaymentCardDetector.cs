using System.Text.RegularExpressions;

namespace AiSpm.Core.DataClassification;

/// <summary>
/// Payment card numbers: 13 to 19 digits, written together or in groups separated by single spaces or hyphens, that
/// start with a card network's issuer prefix at one of its lengths (Visa, Mastercard, American Express, Discover,
/// JCB, Diners Club, UnionPay) and end in a valid Luhn check digit. A run of one repeated digit is not a card. Hint:
/// the last four digits (<c>…4242</c>).
/// </summary>
public sealed partial class PaymentCardDetector : IPersonalDataDetector
{
    /// <inheritdoc />
    public string Id => "payment-card";

    /// <inheritdoc />
    public PersonalDataKind Kind => PersonalDataKind.PaymentCardNumber;

    /// <inheritdoc />
    public IEnumerable<PersonalDataMatch> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (Match match in Candidate().Matches(text))
        {
            var digits = string.Concat(match.Value.Where(char.IsAsciiDigit));
            if (IsCardNumber(digits))
            {
                yield return new PersonalDataMatch(Kind, Id, match.Index, match.Length, "…" + digits[^4..]);
            }
        }
    }

    /// <summary>Whether <paramref name="digits"/> is a card number of a known network with a valid check digit.</summary>
    public static bool IsCardNumber(string digits)
    {
        ArgumentNullException.ThrowIfNull(digits);
        return digits.Length is >= 13 and <= 19 && digits.Distinct().Skip(1).Any() && NetworkAccepts(digits) && Luhn.IsValid(digits);
    }

    private static bool NetworkAccepts(string d)
    {
        int Prefix(int n) => int.Parse(d.AsSpan(0, n), provider: System.Globalization.CultureInfo.InvariantCulture);
        var length = d.Length;
        return (d[0] == '4' && length is 13 or 16 or 19)                                                // Visa
            || ((Prefix(2) is >= 51 and <= 55 || Prefix(4) is >= 2221 and <= 2720) && length == 16)    // Mastercard
            || (Prefix(2) is 34 or 37 && length == 15)                                                  // American Express
            || ((Prefix(4) == 6011 || Prefix(3) is >= 644 and <= 649 || Prefix(2) == 65) && length is >= 16 and <= 19) // Discover
            || (Prefix(4) is >= 3528 and <= 3589 && length is >= 16 and <= 19)                          // JCB
            || ((Prefix(3) is >= 300 and <= 305 || Prefix(2) is 36 or 38 or 39) && length is >= 14 and <= 19) // Diners Club
            || (Prefix(2) == 62 && length is >= 16 and <= 19);                                          // UnionPay
    }

    [GeneratedRegex(@"(?<![0-9A-Za-z\-])[0-9](?:[ -]?[0-9]){12,18}(?![0-9A-Za-z]|-[0-9])", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Candidate();
}
