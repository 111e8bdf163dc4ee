namespace AiSpm.Core.DataClassification;

/// <summary>
/// Runs every personal-data detector over a text and sums up what it holds: a count per kind and a few masked hints
/// per kind. Overlapping matches (a card number inside a longer IBAN) count once, for the longer one.
/// </summary>
public sealed class PersonalDataClassifier
{
    /// <summary>How many hints a summary keeps per kind.</summary>
    public const int HintsPerKind = 3;

    /// <summary>The built-in detectors.</summary>
    public static IReadOnlyList<IPersonalDataDetector> BuiltIn { get; } =
        [new EmailAddressDetector(), new PaymentCardDetector(), new IbanDetector(), new UsSocialSecurityNumberDetector(), new SwedishPersonalNumberDetector()];

    private readonly IReadOnlyList<IPersonalDataDetector> _detectors;

    /// <summary>A classifier with <paramref name="detectors"/>, or the built-in ones.</summary>
    public PersonalDataClassifier(IReadOnlyList<IPersonalDataDetector>? detectors = null) => _detectors = detectors ?? BuiltIn;

    /// <summary>Every match in <paramref name="text"/>, longest first where two overlap, in text order.</summary>
    public IReadOnlyList<PersonalDataMatch> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var kept = new List<PersonalDataMatch>();
        foreach (var match in _detectors.SelectMany(d => d.Find(text)).OrderByDescending(m => m.Length).ThenBy(m => m.Offset))
        {
            if (!kept.Any(k => match.Offset < k.Offset + k.Length && k.Offset < match.Offset + match.Length))
            {
                kept.Add(match);
            }
        }

        return [.. kept.OrderBy(m => m.Offset)];
    }

    /// <summary>What <paramref name="text"/> holds: counts per kind and up to <see cref="HintsPerKind"/> hints each.</summary>
    public PersonalDataSummary Classify(string text)
    {
        var matches = Find(text);
        return new PersonalDataSummary(
            matches.GroupBy(m => m.Kind).ToDictionary(g => g.Key, g => g.Count()),
            matches.GroupBy(m => m.Kind).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.Select(m => m.Hint).Distinct(StringComparer.Ordinal).Take(HintsPerKind)]));
    }
}
