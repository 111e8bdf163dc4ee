namespace AiSpm.Core.DataClassification;

/// <summary>Recognises one kind of personal data in text. It reports spans and masked hints, never copies of the value.</summary>
public interface IPersonalDataDetector
{
    /// <summary>Stable identifier (for example <c>payment-card</c>); findings name it.</summary>
    string Id { get; }

    /// <summary>What the detector finds.</summary>
    PersonalDataKind Kind { get; }

    /// <summary>The occurrences in <paramref name="text"/> that pass the format's validity checks.</summary>
    IEnumerable<PersonalDataMatch> Find(string text);
}
