using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace AiSpm.Connectors.Persistence;

/// <summary>
/// Encodes arbitrary strings (Azure resource ids, Graph object paths) into PartitionKey/RowKey values.
/// </summary>
/// <remarks>
/// Encoding: every character outside <c>[A-Za-z0-9-._]</c> becomes <c>~XX</c>, the hex of each of its UTF-8
/// bytes (so <c>/</c> is <c>~2F</c> and <c>~</c> itself is <c>~7E</c>). The result holds only URL-unreserved
/// characters, so it needs no escaping in entity URLs or OData filters, and it is reversible and keeps the
/// ordering of ASCII inputs within a prefix. A value whose encoding would exceed <see cref="MaxEncodedLength"/>
/// characters (Azurite allows 512, Azure 1 KiB) becomes <c>~H</c> followed by the SHA-256 hex of the input;
/// <c>~H</c> never occurs in the reversible form, and rows keyed so must store the original in a property.
/// </remarks>
public static class TableKey
{
    /// <summary>The longest key the encoder emits.</summary>
    public const int MaxEncodedLength = 400;

    private const string HashedPrefix = "~H";

    /// <summary>Encodes a value; long values are hashed.</summary>
    public static string Encode(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new StringBuilder(value.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '.' or '_')
            {
                sb.Append(c);
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < value.Length
                    ? Encoding.UTF8.GetBytes(value.AsSpan(i++, 2), utf8)
                    : Encoding.UTF8.GetBytes(value.AsSpan(i, 1), utf8);
                foreach (var b in utf8[..length])
                {
                    sb.Append('~').Append(b.ToString("X2", CultureInfo.InvariantCulture));
                }
            }

            if (sb.Length > MaxEncodedLength)
            {
                return Hash(value);
            }
        }

        return sb.ToString();
    }

    /// <summary>Encodes an Azure resource id: resource ids compare case-insensitively, so they are lower-cased first.</summary>
    public static string ForResourceId(string resourceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(resourceId);
        return Encode(resourceId.ToLowerInvariant());
    }

    /// <summary>True when the key is the hashed form, whose original must be read from the row.</summary>
    public static bool IsHashed(string key) => key.StartsWith(HashedPrefix, StringComparison.Ordinal);

    /// <summary>Decodes a reversible key; returns false for hashed or malformed keys.</summary>
    public static bool TryDecode(string key, out string value)
    {
        value = string.Empty;
        if (IsHashed(key))
        {
            return false;
        }

        var bytes = new List<byte>(key.Length);
        for (var i = 0; i < key.Length; i++)
        {
            if (key[i] == '~')
            {
                if (i + 2 >= key.Length || !byte.TryParse(key.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    return false;
                }

                bytes.Add(b);
                i += 2;
            }
            else
            {
                bytes.Add((byte)key[i]);
            }
        }

        value = Encoding.UTF8.GetString(bytes.ToArray());
        return true;
    }

    /// <summary>Checks that a key is storable: at most 1 KiB and free of <c>/ \ # ?</c> and control characters.</summary>
    /// <exception cref="ArgumentException">The key cannot be stored; the message says why.</exception>
    public static void Validate(string key, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(key, parameterName);
        if (Encoding.UTF8.GetByteCount(key) > 1024)
        {
            throw new ArgumentException($"{parameterName} is longer than 1 KiB.", parameterName);
        }

        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' || char.IsControl(c))
            {
                throw new ArgumentException($"{parameterName} contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}', which the Table service does not allow in keys; use TableKey.Encode.", parameterName);
            }
        }
    }

    private static string Hash(string value) =>
        HashedPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
