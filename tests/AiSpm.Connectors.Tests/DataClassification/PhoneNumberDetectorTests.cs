using System.Diagnostics;
using System.Globalization;
using System.Text;
using AiSpm.Connectors.DataClassification;
using AiSpm.Core.DataClassification;

namespace AiSpm.Connectors.Tests.DataClassification;

/// <summary>
/// The phone-number detector on a corpus generated from libphonenumber's own example numbers (valid by construction)
/// for a dozen countries, written in international form, E.164 and with hyphens inside sentences (recall at least
/// 95 %), on their wrong-length twins and on look-alikes that are not phone numbers (never found), and its hints,
/// which never carry the number.
/// </summary>
public sealed class PhoneNumberDetectorTests
{
    private readonly PhoneNumberDetector _detector = new();

    [Fact]
    public void Valid_numbers_of_a_dozen_countries_are_found_at_95_percent_or_more_with_their_exact_span()
    {
        var corpus = PhoneNumberCorpus.Valid().ToList();
        Assert.True(corpus.Count >= 100, $"the corpus holds {corpus.Count} numbers");
        Assert.True(corpus.Select(c => c.Number.CountryCode).Distinct().Count() >= 10, "fewer than ten country codes");

        var missed = corpus.Where(c => _detector.Find(c.Sentence).ToList() is not [var m] || c.Sentence.Substring(m.Offset, m.Length) != c.Written)
            .Select(c => c.Written).ToList();

        Assert.True(corpus.Count - missed.Count >= corpus.Count * 0.95, $"recall {corpus.Count - missed.Count}/{corpus.Count}; missed e.g. {string.Join(", ", missed.Take(5))}");
    }

    [Fact]
    public void Numbers_of_a_wrong_length_for_their_country_are_never_found()
    {
        var twins = PhoneNumberCorpus.WrongLength().ToList();
        Assert.True(twins.Count >= PhoneNumberCorpus.CountryCount, $"only {twins.Count} wrong-length numbers");

        Assert.DoesNotContain(twins, t => _detector.Find($"Call the desk on {t} before noon.").Any());
    }

    [Theory]
    [InlineData("Invoice 2026-10-31, order 4711 0815 2342, build 10.0.401, host 192.168.10.24")]
    [InlineData("Timestamp 2026-12-04T02:12:49Z and id 3f2504e0-4f89-41d3-9a0c-0305e82c3301")]
    [InlineData("Offsets: 2026-12-04T02:12:49+01:00, 2026-12-04 02:12:49 +0100, UTC+05:30")]
    [InlineData("Card on file 4111 1111 1111 1111, claim CLM-2026-10-0412, account 000123456789")]
    [InlineData("Order #+20261204, ticket 4711-0815, package 1.2.3+20261204, version 10.0.100-rc.2+4711")]
    [InlineData("Addresses 10.0.0.1, 255.255.255.0, ::1 and fe80::1ff:fe23:4567:890a")]
    [InlineData("Results: +5 points, +12 %, and +1 for the proposal")]
    [InlineData("Bad length: +46 70 123 4 and +1 425 555")]
    [InlineData("A national number without a country code: 070-123 45 67 or (425) 555-0109")]
    public void Finds_nothing_in_look_alikes(string text) => Assert.Empty(_detector.Find(text));

    [Fact]
    public void The_hint_keeps_the_country_code_and_two_digits_and_never_the_number()
    {
        const string Text = "Megan: +46 70 123 45 67; Nestor: (+44) 20 7946 0958 (desk), Isaiah (+1 425 555 0109).";

        var matches = _detector.Find(Text).ToList();

        Assert.Equal(["+46…67", "+44…58", "+1…09"], matches.Select(m => m.Hint));
        Assert.Equal(["+46 70 123 45 67", "(+44) 20 7946 0958", "+1 425 555 0109"], matches.Select(m => Text.Substring(m.Offset, m.Length)));
        foreach (var (number, _, sentence) in PhoneNumberCorpus.Valid())
        {
            var national = number.NationalNumber.ToString(CultureInfo.InvariantCulture);
            foreach (var hint in _detector.Find(sentence).Select(m => m.Hint))
            {
                Assert.Equal($"+{number.CountryCode}…{national[^2..]}", hint);
                Assert.DoesNotContain(national, hint.Replace("…", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Without_a_region_only_international_numbers_count_and_a_region_adds_that_country_s_national_form()
    {
        const string Text = "Desk 070-123 45 67, switchboard +46 8 123 456 78, US (425) 555-0109.";
        var swedish = new PhoneNumberDetector("se");

        Assert.Null(_detector.DefaultRegion);
        Assert.Equal(["+46…78"], _detector.Find(Text).Select(m => m.Hint));
        Assert.Equal("SE", swedish.DefaultRegion);
        Assert.Equal(["+46…67", "+46…78"], swedish.Find(Text).Select(m => m.Hint));
        Assert.Equal("070-123 45 67", Text.Substring(swedish.Find(Text).First().Offset, swedish.Find(Text).First().Length));
        Assert.Throws<ArgumentException>(() => new PhoneNumberDetector("XX"));
        Assert.Throws<ArgumentException>(() => new PhoneNumberDetector(string.Empty));
    }

    [Fact]
    public void The_sampling_detector_set_counts_phones_beside_the_core_detectors_and_overlaps_count_once()
    {
        // The SMS gateway address holds a valid number in its local part, and the IBAN a Luhn-valid Visa number: each
        // counts once, for the longer match (the address, the IBAN).
        const string Text = "Adele Vance, adele.vance@contoso.example, +1 425 555 0109, texts to +14255550123@sms.contoso.example; IBAN AT70 4111 1111 1111 1111.";
        var classifier = new PersonalDataClassifier(PersonalDataDetectors.All);

        var summary = classifier.Classify(Text);

        Assert.Equal(PersonalDataClassifier.BuiltIn.Count + 1, PersonalDataDetectors.All.Count);
        Assert.Equal(2, _detector.Find(Text).Count());
        Assert.Single(new PaymentCardDetector().Find(Text));
        Assert.Equal(2, summary.Counts[PersonalDataKind.EmailAddress]);
        Assert.Equal(1, summary.Counts[PersonalDataKind.PhoneNumber]);
        Assert.Equal(1, summary.Counts[PersonalDataKind.Iban]);
        Assert.Equal(4, summary.Counts.Values.Sum());
        Assert.Equal(["+1…09"], summary.Hints[PersonalDataKind.PhoneNumber]);
    }

    [Fact]
    public void Never_throws_on_hostile_input()
    {
        var random = new Random(23);
        const string Alphabet = "+0123456789 -()./x#*,;:\t\n\0\u00a0\u202e\u2011\uff0b\ud800\udc00ext";
        var inputs = new List<string> { string.Empty, "+", new string('+', 10_000), "+" + new string('9', 5_000), "\0+1\u202e425\ud800 555 0109" };
        inputs.AddRange(Enumerable.Range(0, 300).Select(_ => new string([.. Enumerable.Range(0, random.Next(1, 200)).Select(_ => Alphabet[random.Next(Alphabet.Length)])])));
        var bytes = new byte[64 * 1024];
        random.NextBytes(bytes);
        inputs.Add(Encoding.Latin1.GetString(bytes));

        Assert.All(inputs, input => _detector.Find(input).ToList());
        Assert.All(inputs, input => new PhoneNumberDetector("US").Find(input).ToList());
    }

    [Fact]
    public void A_blob_sized_text_full_of_numbers_is_read_in_seconds()
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < 1024 * 1024; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"row {i}, 2026-12-04, +46 70 {100 + (i % 900)} 45 67, order 4711-{i}\n");
        }

        var clock = Stopwatch.StartNew();
        var found = _detector.Find(text.ToString()).Count();

        Assert.True(found > 10_000, $"{found} found");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }
}
