namespace AiSpm.Core.DataClassification;

/// <summary>
/// Where a detector found personal data in a text, and a masked hint a person can recognise it by. Never the value:
/// callers keep the offsets only as long as the text, and report the hint.
/// </summary>
/// <param name="Kind">What was found.</param>
/// <param name="DetectorId">The detector that found it (<c>payment-card</c>, <c>iban</c>, …).</param>
/// <param name="Offset">Where it starts in the text.</param>
/// <param name="Length">How long it is in the text (separators included).</param>
/// <param name="Hint">A masked hint: at most the last four characters of the value, plus a country code or a domain where that helps.</param>
public sealed record PersonalDataMatch(PersonalDataKind Kind, string DetectorId, int Offset, int Length, string Hint);
