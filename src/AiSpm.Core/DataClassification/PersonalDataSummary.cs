namespace AiSpm.Core.DataClassification;

/// <summary>What a text holds of personal data: how many of each kind, and a few masked hints of each. No values.</summary>
/// <param name="Counts">Occurrences per kind.</param>
/// <param name="Hints">Up to <see cref="PersonalDataClassifier.HintsPerKind"/> masked hints per kind.</param>
public sealed record PersonalDataSummary(IReadOnlyDictionary<PersonalDataKind, int> Counts, IReadOnlyDictionary<PersonalDataKind, IReadOnlyList<string>> Hints)
{
    /// <summary>True when nothing was found.</summary>
    public bool IsEmpty => Counts.Count == 0;
}
