using System.Globalization;
using AiSpm.Core.DataClassification;
using PhoneNumbers;

namespace AiSpm.Connectors.DataClassification;

/// <summary>
/// Finds telephone numbers with Google's libphonenumber (the libphonenumber-csharp port): numbers that are valid in
/// their country's numbering plan (<see cref="PhoneNumberUtil.Leniency.VALID"/>). By default only numbers written in
/// international form (<c>+</c>, a country calling code) are looked for: without a region every run of digits would be
/// a candidate, and grounding data is full of order numbers, dates and ids. The hint is the country code and the last
/// two digits (<c>+46…67</c>).
/// </summary>
public sealed class PhoneNumberDetector : IPersonalDataDetector
{
    /// <summary>libphonenumber's region code for "no region": only numbers that carry their country code match.</summary>
    private const string NoRegion = "ZZ";

    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    private readonly string _region;

    /// <summary>
    /// A detector that reads numbers without a country code as numbers of <paramref name="defaultRegion"/> (an ISO 3166
    /// alpha-2 code libphonenumber knows, such as <c>SE</c>), or, when it is null (the default, and what blob sampling
    /// uses), finds only numbers written in international form.
    /// </summary>
    /// <exception cref="ArgumentException">When <paramref name="defaultRegion"/> is not a region libphonenumber knows.</exception>
    public PhoneNumberDetector(string? defaultRegion = null)
    {
        if (defaultRegion is null)
        {
            _region = NoRegion;
            return;
        }

        _region = defaultRegion.ToUpperInvariant();
        if (!Numbers.GetSupportedRegions().Contains(_region))
        {
            throw new ArgumentException($"'{defaultRegion}' is not an ISO 3166 alpha-2 region libphonenumber knows.", nameof(defaultRegion));
        }
    }

    /// <summary>The region numbers without a country code are read in, or null when only international numbers are found.</summary>
    public string? DefaultRegion => _region == NoRegion ? null : _region;

    /// <inheritdoc />
    public string Id => "phone-number";

    /// <inheritdoc />
    public PersonalDataKind Kind => PersonalDataKind.PhoneNumber;

    /// <inheritdoc />
    public IEnumerable<PersonalDataMatch> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (_region == NoRegion && !text.Contains('+', StringComparison.Ordinal))
        {
            yield break;
        }

        foreach (var match in Numbers.FindNumbers(text, _region, PhoneNumberUtil.Leniency.VALID, long.MaxValue))
        {
            // libphonenumber starts a match at an opening parenthesis even when the closing one lies outside it
            // ("(+1 425 555 0109)"); that parenthesis belongs to the text around the number.
            var unclosed = match.RawString.StartsWith('(') && !match.RawString.Contains(')', StringComparison.Ordinal) ? 1 : 0;
            var national = match.Number.NationalNumber.ToString(CultureInfo.InvariantCulture);
            yield return new PersonalDataMatch(Kind, Id, match.Start + unclosed, match.Length - unclosed, $"+{match.Number.CountryCode}…{national[^Math.Min(2, national.Length)..]}");
        }
    }
}
