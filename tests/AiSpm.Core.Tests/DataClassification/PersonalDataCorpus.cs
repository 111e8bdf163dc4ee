using System.Globalization;
using System.Text;
using AiSpm.Core.DataClassification;

namespace AiSpm.Core.Tests.DataClassification;

/// <summary>
/// A seeded corpus of checksummed values: card numbers of every network the detector knows (valid Luhn digit, and the
/// same numbers with a wrong one) and IBANs of a dozen countries (valid check digits, and the same with one BBAN digit
/// changed, which mod 97-10 always catches), written in the ways people write them.
/// </summary>
internal static class PersonalDataCorpus
{
    private static readonly (string Prefix, int Length)[] Networks =
    [
        ("4", 16), ("4", 13), ("4", 19), ("51", 16), ("55", 16), ("2221", 16), ("2720", 16), ("34", 15), ("37", 15), ("6011", 16),
        ("644", 16), ("65", 19), ("3528", 16), ("3589", 19), ("300", 14), ("36", 14), ("38", 16), ("62", 16), ("62", 19),
    ];

    /// <summary>(BBAN pattern: 'n' digit, 'a' upper-case letter) by country; each country's IBAN length is 4 + the pattern's.</summary>
    private static readonly (string Country, string Bban)[] Countries =
    [
        ("DE", "nnnnnnnnnnnnnnnnnn"), ("GB", "aaaannnnnnnnnnnnnn"), ("FR", "nnnnnnnnnnnnnnnnnnnnnnn"), ("NL", "aaaannnnnnnnnn"),
        ("ES", "nnnnnnnnnnnnnnnnnnnn"), ("IT", "annnnnnnnnnnnnnnnnnnnnn"), ("CH", "nnnnnnnnnnnnnnnnn"), ("SE", "nnnnnnnnnnnnnnnnnnnn"),
        ("BE", "nnnnnnnnnnnn"), ("PL", "nnnnnnnnnnnnnnnnnnnnnnnn"), ("NO", "nnnnnnnnnnn"), ("AT", "nnnnnnnnnnnnnnnn"),
    ];

    public static IEnumerable<(string Value, bool Valid)> CardNumbers(int perNetwork, int seed = 7)
    {
        var random = new Random(seed);
        foreach (var (prefix, length) in Networks)
        {
            for (var i = 0; i < perNetwork; i++)
            {
                var body = new StringBuilder(prefix);
                while (body.Length < length - 1)
                {
                    body.Append((char)('0' + random.Next(10)));
                }

                var check = CheckDigit(body.ToString());
                yield return (body.ToString() + check, true);
                yield return (body.ToString() + (char)('0' + (((check - '0') + 1 + random.Next(9)) % 10)), false);
            }
        }
    }

    public static IEnumerable<(string Value, bool Valid)> Ibans(int perCountry, int seed = 11)
    {
        var random = new Random(seed);
        foreach (var (country, pattern) in Countries)
        {
            for (var i = 0; i < perCountry; i++)
            {
                var bban = string.Concat(pattern.Select(p => p == 'n' ? (char)('0' + random.Next(10)) : (char)('A' + random.Next(26))));
                var valid = country + IbanCheckDigits(country, bban) + bban;
                var digits = bban.Select((c, at) => (c, at)).Where(x => char.IsAsciiDigit(x.c)).ToList();
                var (_, position) = digits[random.Next(digits.Count)];
                var changed = bban[..position] + (char)('0' + (((bban[position] - '0') + 1 + random.Next(9)) % 10)) + bban[(position + 1)..];
                yield return (valid, true);
                yield return (country + valid[2..4] + changed, false);
            }
        }
    }

    /// <summary>How a person writes it: compact, in groups of four by spaces, or (cards) by hyphens.</summary>
    public static string Written(string value, int style) => style switch
    {
        1 => string.Join(' ', value.Chunk(4).Select(c => new string(c))),
        2 when char.IsAsciiDigit(value[0]) => string.Join('-', value.Chunk(4).Select(c => new string(c))),
        _ => value,
    };

    private static char CheckDigit(string body)
    {
        for (var d = '0'; d <= '9'; d++)
        {
            if (Luhn.IsValid(body + d))
            {
                return d;
            }
        }

        throw new InvalidOperationException("no Luhn digit");
    }

    private static string IbanCheckDigits(string country, string bban)
    {
        var remainder = 0;
        foreach (var c in bban + country + "00")
        {
            remainder = char.IsAsciiDigit(c) ? ((remainder * 10) + (c - '0')) % 97 : ((remainder * 100) + (c - 'A' + 10)) % 97;
        }

        return (98 - remainder).ToString("D2", CultureInfo.InvariantCulture);
    }
}
