using AiSpm.Core.Secrets;

namespace AiSpm.Core.DataClassification;

/// <summary>
/// Classifies text read from data that feeds AI with AiSpm's secret detectors and the personal-data detectors: each
/// occurrence as the id of the detector that found it and a masked hint. Values never leave this class.
/// </summary>
public sealed class ContentClassifier(SecretScanner secrets, PersonalDataClassifier personalData)
{
    /// <summary>Every occurrence in <paramref name="text"/>: (detector id, masked hint), in text order.</summary>
    public IReadOnlyList<(string DetectorId, string Hint)> Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. secrets.ScanText(text).Select(m => (m.Offset, m.DetectorId, m.Hint))
            .Concat(personalData.Find(text).Select(m => (m.Offset, m.DetectorId, m.Hint)))
            .OrderBy(m => m.Offset)
            .Select(m => (m.DetectorId, m.Hint))];
    }
}
