using Xunit;
using System.Text.RegularExpressions;

namespace AiSpm.Testing;

/// <summary>
/// What the user-facing docs promise, read from the files themselves so tests hold the code to them: the README's
/// configuration table and exit codes, and the JSON output shapes in docs/outputs.md.
/// </summary>
public static partial class DocumentedContract
{
    /// <summary>Setting names in the README's configuration table, as environment variables (<c>__</c>-separated).</summary>
    public static IReadOnlyList<string> Settings()
    {
        var names = new List<string>();
        foreach (var row in TableRows(ReadRepositoryFile("README.md"), "| setting | default | meaning |"))
        {
            string? prefix = null;
            foreach (Match name in Backticked().Matches(row[0]))
            {
                var value = name.Groups[1].Value;
                if (value.StartsWith("__", StringComparison.Ordinal) && prefix is not null)
                {
                    value = prefix + value;
                }
                else if (value.IndexOf("__", StringComparison.Ordinal) is var at and > 0)
                {
                    prefix = value[..at];
                }

                names.Add(value);
            }
        }

        return names;
    }

    /// <summary>The README's "Exit codes:" sentence as code → meaning.</summary>
    public static IReadOnlyDictionary<int, string> ExitCodes()
    {
        var readme = ReadRepositoryFile("README.md");
        var start = readme.IndexOf("Exit codes:", StringComparison.Ordinal);
        if (start < 0)
        {
            throw new InvalidOperationException("README.md has no 'Exit codes:' line.");
        }

        var end = readme.IndexOf("\n\n", start, StringComparison.Ordinal);
        var sentence = readme[(start + "Exit codes:".Length)..(end < 0 ? readme.Length : end)].Split('\n')
            .TakeWhile(line => !line.StartsWith("Errors", StringComparison.Ordinal)).Aggregate((a, b) => a + " " + b);
        return sentence.Split('·').Select(part => part.Trim()).Select(part => part.Split(' ', 2))
            .ToDictionary(pair => int.Parse(pair[0], System.Globalization.CultureInfo.InvariantCulture), pair => pair[1].Trim().TrimEnd('.'));
    }

    /// <summary>The top-level keys docs/outputs.md documents for the JSON output of <paramref name="command"/> (e.g. <c>aispm findings --json</c>).</summary>
    public static IReadOnlySet<string> JsonKeys(string command)
    {
        foreach (var row in TableRows(ReadRepositoryFile(Path.Combine("docs", "outputs.md")), "| command | shape |"))
        {
            if (row[0].Trim().Trim('`') == command)
            {
                return TopLevelKeys(row[1]);
            }
        }

        throw new InvalidOperationException($"docs/outputs.md documents no JSON output for '{command}'.");
    }

    /// <summary>
    /// Holds JSON <paramref name="documents"/> of <paramref name="command"/> to docs/outputs.md: no document has a key the
    /// docs do not name, and together they show every key the docs name (keys whose value is null may be left out).
    /// </summary>
    public static void AssertJsonShape(string command, IEnumerable<System.Text.Json.JsonElement> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var documented = JsonKeys(command);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in documents)
        {
            foreach (var property in document.EnumerateObject())
            {
                Assert.True(documented.Contains(property.Name), $"'{command}' writes '{property.Name}', which docs/outputs.md does not document.");
                seen.Add(property.Name);
            }
        }

        Assert.True(documented.SetEquals(seen), $"docs/outputs.md documents [{string.Join(", ", documented.Except(seen))}] for '{command}', which it never wrote.");
    }

    /// <summary>The backticked names of a shape cell outside any [ ] or { } (those are the nested shapes); code that is not a name (a route, a value) is skipped.</summary>
    private static HashSet<string> TopLevelKeys(string shape)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var depth = 0;
        var inKey = false;
        var key = new System.Text.StringBuilder();
        foreach (var c in shape)
        {
            if (c == '`')
            {
                if (inKey && depth == 0 && Identifier().IsMatch(key.ToString()))
                {
                    keys.Add(key.ToString());
                }

                inKey = !inKey;
                key.Clear();
            }
            else if (inKey)
            {
                key.Append(c);
            }
            else if (c is '[' or '{')
            {
                depth++;
            }
            else if (c is ']' or '}')
            {
                depth--;
            }
        }

        return keys;
    }

    private static IEnumerable<string[]> TableRows(string markdown, string header)
    {
        var lines = markdown.Split('\n');
        var at = Array.FindIndex(lines, line => line.Trim() == header);
        if (at < 0)
        {
            throw new InvalidOperationException($"no table headed '{header}'.");
        }

        foreach (var line in lines.Skip(at + 2).TakeWhile(line => line.StartsWith('|')))
        {
            // Cells are split on | outside backticks (a cell may show `table|json`).
            yield return SplitCells(line.Trim().Trim('|'));
        }
    }

    private static string[] SplitCells(string row)
    {
        var cells = new List<string>();
        var cell = new System.Text.StringBuilder();
        var inCode = false;
        for (var i = 0; i < row.Length; i++)
        {
            var c = row[i];
            if (c == '`')
            {
                inCode = !inCode;
            }

            if (c == '|' && !inCode && (i == 0 || row[i - 1] != '\\'))
            {
                cells.Add(cell.ToString().Trim());
                cell.Clear();
                continue;
            }

            cell.Append(c);
        }

        cells.Add(cell.ToString().Trim());
        return [.. cells];
    }

    private static string ReadRepositoryFile(string relative) => File.ReadAllText(Path.Combine(RepositoryRoot.Path, relative));

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("`([A-Za-z_][A-Za-z0-9_]*)`")]
    private static partial Regex Backticked();
}
