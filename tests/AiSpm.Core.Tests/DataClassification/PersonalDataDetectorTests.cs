using AiSpm.Core.DataClassification;

namespace AiSpm.Core.Tests.DataClassification;

/// <summary>
/// The personal-data detectors on a generated corpus of valid and invalid checksummed values (recall at least 95 %, no
/// false positive), on the formats they validate, and their hints, which never carry the value.
/// </summary>
public sealed class PersonalDataDetectorTests
{
    private static readonly PersonalDataClassifier Classifier = new();

    [Theory]
    [InlineData(PersonalDataKind.PaymentCardNumber)]
    [InlineData(PersonalDataKind.Iban)]
    public void Checksummed_values_are_found_at_95_percent_or_more_and_their_broken_twins_never(PersonalDataKind kind)
    {
        var corpus = (kind == PersonalDataKind.Iban ? PersonalDataCorpus.Ibans(60) : PersonalDataCorpus.CardNumbers(40)).ToList();
        var (found, missed, falsePositives) = (0, new List<string>(), new List<string>());
        var style = 0;
        foreach (var (value, valid) in corpus)
        {
            var written = PersonalDataCorpus.Written(value, style++ % 3);
            var matches = Classifier.Find($"Ref {written}, see the attached note.").Where(m => m.Kind == kind).ToList();
            if (valid && matches.Count == 1)
            {
                found++;
            }
            else if (valid)
            {
                missed.Add(written);
            }
            else if (matches.Count > 0)
            {
                falsePositives.Add(written);
            }
        }

        var validCount = corpus.Count(c => c.Valid);
        Assert.True(validCount >= 500, $"{validCount} valid values");
        Assert.True(found >= validCount * 0.95, $"recall {found}/{validCount}; missed e.g. {string.Join(", ", missed.Take(5))}");
        Assert.Empty(falsePositives);
    }

    [Fact]
    public void Numbers_that_are_not_cards_are_not_cards()
    {
        string[] text =
        [
            "order 1234567890123456", "timestamp 1733270400000", "phone +1 425 555 0100", "4444444444444444", "guid 4c1e7a52-9b0d-4f3e-8a61-2d5c7b9e0f14",
            "version 4.111.111.111.1111", "ISBN 978-3-16-148410-0", "sku 4111111111111112",
        ];

        Assert.All(text, t => Assert.DoesNotContain(Classifier.Find(t), m => m.Kind == PersonalDataKind.PaymentCardNumber));
        Assert.Single(Classifier.Find("visa test number 4111 1111 1111 1111 in the doc"), m => m.Kind == PersonalDataKind.PaymentCardNumber);
    }

    [Fact]
    public void Emails_national_ids_and_ibans_are_recognised_by_their_rules_and_hinted_without_their_value()
    {
        const string Text = """
            Contact jane.doe+ai@contoso.example or ops@sub.fabrikam.co.uk; not user@localhost, not a@b.
            SSN 536-22-1234, not 000-12-3456, 666-12-3456, 912-34-5678, 536-00-1234 or 536-22-0000.
            Personnummer 19121212-1212 and 811218-9876, not 811218-9875 or 811318-9876; samordningsnummer 701063-2391.
            IBAN DE89 3704 0044 0532 0130 00 and GB82WEST12345698765432, not DE89 3704 0044 0532 0130 01.
            """;

        var matches = Classifier.Find(Text);
        var summary = Classifier.Classify(Text);

        Assert.Equal(2, summary.Counts[PersonalDataKind.EmailAddress]);
        Assert.Equal(["j…@contoso.example", "o…@sub.fabrikam.co.uk"], summary.Hints[PersonalDataKind.EmailAddress]);
        Assert.Equal(["…1234", "…1212", "…9876", "…2391"], matches.Where(m => m.Kind == PersonalDataKind.NationalId).Select(m => m.Hint));
        Assert.Equal(["DE…3000", "GB…5432"], matches.Where(m => m.Kind == PersonalDataKind.Iban).Select(m => m.Hint));
        // A hint shows at most a country code and the last four characters (an email its first character and domain).
        Assert.All(matches.Where(m => m.Kind != PersonalDataKind.EmailAddress), m => Assert.True(m.Hint.Count(char.IsAsciiLetterOrDigit) <= 6, m.Hint));
        Assert.All(matches, m => Assert.DoesNotContain(new string(Text.Substring(m.Offset, m.Length).Where(char.IsAsciiLetterOrDigit).ToArray()), new string(m.Hint.Where(char.IsAsciiLetterOrDigit).ToArray()), StringComparison.Ordinal));
        Assert.Equal("DE89 3704 0044 0532 0130 00", Text.Substring(matches.First(m => m.Kind == PersonalDataKind.Iban).Offset, matches.First(m => m.Kind == PersonalDataKind.Iban).Length));
        Assert.False(summary.IsEmpty);
        Assert.True(Classifier.Classify("nothing personal here, build 4.2.1").IsEmpty);
    }

    [Fact]
    public void A_card_number_inside_an_iban_counts_once_as_the_iban()
    {
        // Every digit run of an IBAN may pass Luhn by chance; the longer match wins.
        var ibans = PersonalDataCorpus.Ibans(40).Where(i => i.Valid).Select(i => i.Value).ToList();

        Assert.All(ibans, iban => Assert.Equal([PersonalDataKind.Iban], Classifier.Find($"pay to {iban} today").Select(m => m.Kind)));
    }
}
