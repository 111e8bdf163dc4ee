namespace AiSpm.Application.Outputs;

/// <summary>One CSV field: quoted when needed, and defused when a spreadsheet would read it as a formula.</summary>
public static class CsvField
{
    /// <summary>The field as written to a CSV line.</summary>
    public static string Escape(string? value)
    {
        value ??= string.Empty;
        var safe = value.Length > 0 && "=+-@".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    /// <summary>A CSV line of fields.</summary>
    public static string Line(params string?[] fields) => string.Join(',', fields.Select(Escape));
}
