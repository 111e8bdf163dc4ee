namespace AiSpm.Emulator.Generation;

/// <summary>
/// Fake account keys in the shapes the services issue, drawn from the seeded generator: never real, but shaped so that secret
/// detectors recognise them (84-character Cognitive Services keys with their fixed markers, 32-hex legacy keys, 52-character
/// Search admin keys).
/// </summary>
internal static class FakeKeys
{
    private const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>An 84-character key; <paramref name="serviceCode"/> is 'B' for OpenAI, 'A' for AIServices, another letter for other kinds.</summary>
    public static string CognitiveServicesKey(ref SeededRandom random, char serviceCode) =>
        string.Concat(
            Chars(ref random, 52, Alphanumeric), "JQQJ99", Chars(ref random, 1, Alphanumeric), Chars(ref random, 1, "ABCDEFGHIJKL"),
            Chars(ref random, 12, Alphanumeric), "AAA", serviceCode.ToString(), "ACOG", Chars(ref random, 4, Alphanumeric));

    /// <summary>A 32-character lower-case hex key, the shape of keys issued before the 84-character format.</summary>
    public static string LegacyKey(ref SeededRandom random) => Chars(ref random, 32, "0123456789abcdef");

    /// <summary>A 52-character Azure AI Search admin key.</summary>
    public static string SearchAdminKey(ref SeededRandom random) =>
        string.Concat(Chars(ref random, 42, Alphanumeric), "AzSe", Chars(ref random, 1, "ABCD"), Chars(ref random, 5, Alphanumeric));

    /// <summary>A storage account key: 64 random bytes in base64 (88 characters).</summary>
    public static string StorageAccountKey(ref SeededRandom random) => string.Concat(Chars(ref random, 86, Alphanumeric + "+/"), "==");

    private static string Chars(ref SeededRandom random, int length, string alphabet)
    {
        Span<char> buffer = stackalloc char[length];
        for (var i = 0; i < length; i++)
        {
            buffer[i] = alphabet[random.Next(alphabet.Length)];
        }

        return new string(buffer);
    }
}
