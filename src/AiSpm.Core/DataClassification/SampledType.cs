namespace AiSpm.Core.DataClassification;

/// <summary>One kind of sensitive content found in a container's sample: how often, a few masked hints, and in which blobs.</summary>
/// <param name="Count">Occurrences across the blobs read.</param>
/// <param name="Hints">Up to three masked hints (never a value).</param>
/// <param name="Blobs">Up to five names of blobs it was found in.</param>
public sealed record SampledType(int Count, IReadOnlyList<string> Hints, IReadOnlyList<string> Blobs);
