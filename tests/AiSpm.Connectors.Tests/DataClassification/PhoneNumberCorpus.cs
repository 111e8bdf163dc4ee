using PhoneNumbers;

namespace AiSpm.Connectors.Tests.DataClassification;

/// <summary>
/// A generated corpus of phone numbers: libphonenumber's example numbers (valid by construction) of a dozen countries
/// and four number types, written in international form, E.164 and international form with hyphens, inside
/// sentences; and their twins of a length the country's numbering plan does not allow (a digit dropped or added).
/// </summary>
internal static class PhoneNumberCorpus
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    private static readonly string[] Regions = ["US", "GB", "DE", "SE", "FR", "NL", "IN", "BR", "JP", "AU", "ZA", "CH"];

    private static readonly PhoneNumberType[] Types = [PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.TOLL_FREE];

    private static readonly string[] Sentences =
    [
        "{0}",
        "Call the desk on {0} before noon.",
        "Mobile: {0}; e-mail preferred.",
        "Escalations ({0}) go to the on-call lead",
        "name,phone\nMegan Bowen,{0}\n",
    ];

    /// <summary>A valid number (as <see cref="PhoneNumber"/>), how it is written, and the sentence it is written in.</summary>
    public static IEnumerable<(PhoneNumber Number, string Written, string Sentence)> Valid()
    {
        var sentence = 0;
        foreach (var number in ExampleNumbers())
        {
            var international = Numbers.Format(number, PhoneNumberFormat.INTERNATIONAL);
            foreach (var written in new[] { international, Numbers.Format(number, PhoneNumberFormat.E164), international.Replace(' ', '-') }.Distinct(StringComparer.Ordinal))
            {
                yield return (number, written, string.Format(System.Globalization.CultureInfo.InvariantCulture, Sentences[sentence++ % Sentences.Length], written));
            }
        }
    }

    /// <summary>
    /// The example numbers with a digit dropped or added, in E.164, kept only where libphonenumber says the length is
    /// wrong for the country (too short, too long, or a length the plan never uses).
    /// </summary>
    public static IEnumerable<string> WrongLength()
    {
        foreach (var number in ExampleNumbers())
        {
            var e164 = Numbers.Format(number, PhoneNumberFormat.E164);
            foreach (var twin in new[] { e164[..^1], e164 + "7" })
            {
                var reason = Numbers.IsPossibleNumberWithReason(Numbers.Parse(twin, "ZZ"));
                if (reason is PhoneNumberUtil.ValidationResult.TOO_SHORT or PhoneNumberUtil.ValidationResult.TOO_LONG or PhoneNumberUtil.ValidationResult.INVALID_LENGTH)
                {
                    yield return twin;
                }
            }
        }
    }

    /// <summary>How many countries the corpus covers.</summary>
    public static int CountryCount => Regions.Length;

    /// <summary>The example numbers, each once (a region's fixed-line example may also be its fixed-line-or-mobile one).</summary>
    private static IEnumerable<PhoneNumber> ExampleNumbers() =>
        (from region in Regions
         from type in Types
         let number = Numbers.GetExampleNumberForType(region, type)
         where number is not null
         select number).DistinctBy(n => Numbers.Format(n, PhoneNumberFormat.E164), StringComparer.Ordinal);
}
