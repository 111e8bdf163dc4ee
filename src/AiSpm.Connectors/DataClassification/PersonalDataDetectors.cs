using AiSpm.Core.DataClassification;

namespace AiSpm.Connectors.DataClassification;

/// <summary>
/// The personal-data detectors blob sampling classifies with: the package-free ones of the core
/// (<see cref="PersonalDataClassifier.BuiltIn"/>) and those built on served libraries (phone numbers).
/// </summary>
public static class PersonalDataDetectors
{
    /// <summary>Every detector.</summary>
    public static IReadOnlyList<IPersonalDataDetector> All { get; } = [.. PersonalDataClassifier.BuiltIn, new PhoneNumberDetector()];
}
