namespace AiSpm.Core.Policy;

/// <summary>Case-insensitive wildcard matching for policy patterns: <c>*</c> stands for any run of characters, nothing else is special.</summary>
public static class ResourcePattern
{
    /// <summary>True when <paramref name="value"/> matches <paramref name="pattern"/> as a whole.</summary>
    public static bool IsMatch(string pattern, string value)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(value);
        var parts = pattern.Split('*');
        if (parts.Length == 1)
        {
            return string.Equals(pattern, value, StringComparison.OrdinalIgnoreCase);
        }

        if (!value.StartsWith(parts[0], StringComparison.OrdinalIgnoreCase) || !value.EndsWith(parts[^1], StringComparison.OrdinalIgnoreCase)
            || value.Length < parts[0].Length + parts[^1].Length)
        {
            return false;
        }

        var at = parts[0].Length;
        var end = value.Length - parts[^1].Length;
        for (var i = 1; i < parts.Length - 1; i++)
        {
            var found = parts[i].Length == 0 ? at : value.IndexOf(parts[i], at, end - at, StringComparison.OrdinalIgnoreCase);
            if (found < 0)
            {
                return false;
            }

            at = found + parts[i].Length;
        }

        return at <= end;
    }
}
