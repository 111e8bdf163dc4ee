using AiSpm.Core.DataClassification;
using PhoneNumbers;

namespace AiSpm.Connectors.DataClassification;

/// <summary>
/// Finds telephone numbers with Google's libphonenumber (the libphonenumber-csharp port): numbers written in
/// international form (<c>+</c>, a country calling code) that are valid in that country's numbering plan. Numbers
/// without a country code are not looked for: without a region every run of digits would be a candidate, and
/// grounding data is full of order numbers, dates and ids. The hint is the country code and the last two digits.
/// </summary>
public sealed class PhoneNumberDetector : IPersonalDataDetector
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    /// <inheritdoc />
    public string Id => "phone-number";

    /// <inheritdoc />
    public PersonalDataKind Kind => PersonalDataKind.PhoneNumber;

    /// <inheritdoc />
    public IEnumerable<PersonalDataMatch> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Contains('+', StringComparison.Ordinal))
        {
            yield break;
        }

        // "ZZ" (unknown region): only numbers that carry their country code are matched.
        foreach (var match in Numbers.FindNumbers(text, "ZZ", PhoneNumberUtil.Leniency.VALID, long.MaxValue))
        {
            var national = match.Number.NationalNumber.ToString(System.Globalization.CultureInfo.InvariantCulture);
            yield return new PersonalDataMatch(Kind, Id, match.Start, match.Length, $"+{match.Number.CountryCode}…{national[^Math.Min(2, national.Length)..]}");
        }
    }
}
