using AiSpm.Connectors.DataClassification;
using AiSpm.Core.DataClassification;
using PhoneNumbers;

namespace AiSpm.Connectors.Tests.DataClassification;

/// <summary>
/// The phone-number detector on a corpus generated from libphonenumber's own example numbers (valid by construction)
/// for 12 countries and four number types, in international and E.164 form inside sentences; and on look-alikes
/// that are not phone numbers.
/// </summary>
public sealed class PhoneNumberDetectorTests
{
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();
    private static readonly string[] Regions = ["US", "GB", "DE", "SE", "FR", "NL", "IN", "BR", "JP", "AU", "ZA", "CH"];
    private static readonly PhoneNumberType[] Types = [PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.TOLL_FREE];
    private readonly PhoneNumberDetector _detector = new();

    private static IEnumerable<string> ValidCorpus() =>
        from region in Regions
        from type in Types
        let number = Numbers.GetExampleNumberForType(region, type)
        where number is not null
        from format in new[] { PhoneNumberFormat.INTERNATIONAL, PhoneNumberFormat.E164 }
        select Numbers.Format(number, format);

    [Fact]
    public void Finds_at_least_95_percent_of_valid_international_numbers_in_text()
    {
        var corpus = ValidCorpus().Distinct(StringComparer.Ordinal).ToList();
        Assert.True(corpus.Count >= 60, $"the corpus holds {corpus.Count} numbers");

        var found = corpus.Count(n => _detector.Find($"Call the desk on {n} before noon.").Any(m => m.Length >= n.Length - 1));

        Assert.True(found >= corpus.Count * 0.95, $"{found} of {corpus.Count} found");
    }

    [Theory]
    [InlineData("Invoice 2026-10-31, order 4711 0815 2342, build 10.0.401, host 192.168.10.24")]
    [InlineData("Timestamp 2026-12-04T02:12:49Z and id 3f2504e0-4f89-41d3-9a0c-0305e82c3301")]
    [InlineData("Card on file 4111 1111 1111 1111, claim CLM-2026-10-0412, account 000123456789")]
    [InlineData("Results: +5 points, +12 %, and +1 for the proposal")]
    [InlineData("Bad length: +46 70 123 4 and +1 425 555")]
    [InlineData("A national number without a country code: 070-123 45 67 or (425) 555-0109")]
    public void Finds_nothing_in_look_alikes(string text) => Assert.Empty(_detector.Find(text));

    [Fact]
    public void The_hint_keeps_the_country_code_and_two_digits_and_never_the_number()
    {
        const string text = "Megan: +46 70 123 45 67; Nestor: +44 20 7946 0958.";

        var matches = _detector.Find(text).ToList();

        Assert.Equal(["+46…67", "+44…58"], matches.Select(m => m.Hint));
        Assert.Equal(["+46 70 123 45 67", "+44 20 7946 0958"], matches.Select(m => text.Substring(m.Offset, m.Length)));
        Assert.All(matches, m => Assert.DoesNotContain("123 45", m.Hint, StringComparison.Ordinal));
    }

    [Fact]
    public void The_sampling_detector_set_counts_phones_beside_the_core_detectors_without_double_counting_overlaps()
    {
        var classifier = new PersonalDataClassifier(PersonalDataDetectors.All);

        var summary = classifier.Classify("Adele Vance, adele.vance@contoso.example, +1 425 555 0109; IBAN DE89 3704 0044 0532 0130 00.");

        Assert.Equal(1, summary.Counts[PersonalDataKind.EmailAddress]);
        Assert.Equal(1, summary.Counts[PersonalDataKind.PhoneNumber]);
        Assert.Equal(1, summary.Counts[PersonalDataKind.Iban]);
        Assert.Equal(3, summary.Counts.Values.Sum());
    }

    [Fact]
    public void Never_throws_on_hostile_input()
    {
        var inputs = new[] { string.Empty, "+", new string('+', 10_000), "+" + new string('9', 5_000), "\0+1\u202e425\ud800 555 0109" };

        Assert.All(inputs, input => _detector.Find(input).ToList());
    }
}
