using System.Globalization;
using System.Text.Json.Nodes;

namespace AiSpm.Emulator.ResourceGraph;

/// <summary>
/// Parses the KQL subset the collectors use against Resource Graph: a table (<c>resources</c>, <c>resourcecontainers</c>, <c>authorizationresources</c>, <c>securityresources</c>)
/// followed by <c>where</c>, <c>project</c>, <c>order by</c>/<c>sort by</c> and <c>limit</c>/<c>take</c>. Predicates support
/// <c>and</c>, <c>or</c>, <c>not()</c>, parentheses, <c>== != =~ !~ &lt; &gt; &lt;= &gt;=</c>, <c>has contains startswith endswith</c>
/// (and their <c>!</c> forms), <c>in in~ !in !in~</c>, and <c>isnotempty isempty isnull isnotnull tolower toupper tostring tobool</c>.
/// Anything else raises <see cref="UnsupportedKqlException"/> naming it.
/// </summary>
internal sealed class KqlParser
{
    private static readonly HashSet<string> Tables = new(StringComparer.OrdinalIgnoreCase) { "resources", "resourcecontainers", "authorizationresources", "securityresources" };
    private static readonly HashSet<string> WordOperators = new(StringComparer.OrdinalIgnoreCase)
    {
        "has", "!has", "contains", "!contains", "startswith", "!startswith", "endswith", "!endswith", "in", "in~", "!in", "!in~",
    };

    private static readonly HashSet<string> KnownUnsupportedOperators = new(StringComparer.OrdinalIgnoreCase)
    {
        "has_any", "has_all", "has_cs", "contains_cs", "matches", "between", "!between", "hasprefix", "hassuffix", "startswith_cs", "endswith_cs",
    };

    private readonly List<KqlToken> _tokens;
    private int _position;

    private KqlParser(string query) => _tokens = KqlTokenizer.Tokenize(query);

    private KqlToken Current => _tokens[_position];

    public static KqlQuery Parse(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return new KqlParser(query).ParseQuery();
    }

    private KqlQuery ParseQuery()
    {
        var table = Current;
        if (table.Kind != KqlTokenKind.Identifier)
        {
            throw new UnsupportedKqlException(table.Text, $"The query must start with a table name (resources, resourcecontainers, authorizationresources or securityresources); found '{table.Text}'.");
        }

        if (!Tables.Contains(table.Text))
        {
            throw new UnsupportedKqlException(table.Text, $"Table '{table.Text}' is not supported by the emulator; use resources, resourcecontainers, authorizationresources or securityresources.");
        }

        _position++;
        var stages = new List<Func<IEnumerable<JsonObject>, IEnumerable<JsonObject>>>();
        var keepsId = true;
        while (Current.IsSymbol("|"))
        {
            _position++;
            var op = Current;
            _position++;
            if (op.IsWord("where"))
            {
                var predicate = ParseOr();
                stages.Add(rows => rows.Where(r => KqlValues.Truthy(predicate(r))));
            }
            else if (op.IsWord("project"))
            {
                var columns = ParseProjection();
                keepsId = columns.Any(c => c.Name.Equals("id", StringComparison.OrdinalIgnoreCase));
                stages.Add(rows => rows.Select(r => Project(r, columns)));
            }
            else if (op.IsWord("order") || op.IsWord("sort"))
            {
                Expect("by");
                var keys = ParseOrderKeys();
                stages.Add(rows => Order(rows, keys));
            }
            else if (op.IsWord("limit") || op.IsWord("take"))
            {
                if (Current.Kind != KqlTokenKind.Number || !int.TryParse(Current.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
                {
                    throw new UnsupportedKqlException(op.Text, $"'{op.Text}' needs a whole number.");
                }

                _position++;
                stages.Add(rows => rows.Take(count));
            }
            else
            {
                throw new UnsupportedKqlException(op.Text, $"The KQL operator '{op.Text}' is not supported by the emulator (supported: where, project, order by, sort by, limit, take).");
            }
        }

        if (Current.Kind != KqlTokenKind.End)
        {
            throw new UnsupportedKqlException(Current.Text, $"Unexpected '{Current.Text}' at position {Current.Position}.");
        }

        return new KqlQuery(table.Text.ToLowerInvariant(), stages, keepsId);
    }

    private List<(string Name, Func<JsonObject, JsonNode?> Value)> ParseProjection()
    {
        var columns = new List<(string, Func<JsonObject, JsonNode?>)>();
        do
        {
            if (columns.Count > 0)
            {
                _position++;
            }

            if (Current.Kind == KqlTokenKind.Identifier && _tokens[_position + 1].IsSymbol("="))
            {
                var alias = Current.Text;
                _position += 2;
                columns.Add((alias, ParseOr()));
                continue;
            }

            var start = _position;
            var value = ParseOperand();
            var name = string.Join('_', _tokens.Skip(start).Take(_position - start)
                .Where(t => t.Kind is KqlTokenKind.Identifier or KqlTokenKind.String).Select(t => t.Text));
            columns.Add((name.Length == 0 ? $"Column{columns.Count + 1}" : name, value));
        }
        while (Current.IsSymbol(","));

        return columns;
    }

    private List<(Func<JsonObject, JsonNode?> Key, bool Descending)> ParseOrderKeys()
    {
        var keys = new List<(Func<JsonObject, JsonNode?>, bool)>();
        do
        {
            if (keys.Count > 0)
            {
                _position++;
            }

            var key = ParseOperand();
            var descending = true; // KQL sorts descending unless told otherwise.
            if (Current.IsWord("asc") || Current.IsWord("desc"))
            {
                descending = Current.IsWord("desc");
                _position++;
            }

            if (Current.IsWord("nulls"))
            {
                throw new UnsupportedKqlException("nulls", "'nulls first|last' is not supported by the emulator.");
            }

            keys.Add((key, descending));
        }
        while (Current.IsSymbol(","));

        return keys;
    }

    private Func<JsonObject, JsonNode?> ParseOr()
    {
        var left = ParseAnd();
        while (Current.IsWord("or"))
        {
            _position++;
            var l = left;
            var right = ParseAnd();
            left = row => KqlValues.Truthy(l(row)) || KqlValues.Truthy(right(row));
        }

        return left;
    }

    private Func<JsonObject, JsonNode?> ParseAnd()
    {
        var left = ParseComparison();
        while (Current.IsWord("and"))
        {
            _position++;
            var l = left;
            var right = ParseComparison();
            left = row => KqlValues.Truthy(l(row)) && KqlValues.Truthy(right(row));
        }

        return left;
    }

    private Func<JsonObject, JsonNode?> ParseComparison()
    {
        var left = ParseOperand();
        var op = Current;
        if (op.Kind == KqlTokenKind.Symbol && op.Text is "==" or "!=" or "=~" or "!~" or "<" or ">" or "<=" or ">=")
        {
            _position++;
            var right = ParseOperand();
            return Binary(op.Text, left, right);
        }

        if (op.Kind == KqlTokenKind.Identifier && KnownUnsupportedOperators.Contains(op.Text))
        {
            throw new UnsupportedKqlException(op.Text, $"The KQL operator '{op.Text}' is not supported by the emulator.");
        }

        if (op.Kind == KqlTokenKind.Identifier && WordOperators.Contains(op.Text))
        {
            _position++;
            var name = op.Text.ToLowerInvariant();
            if (name.TrimStart('!').StartsWith("in", StringComparison.Ordinal))
            {
                var list = ParseList();
                var ignoreCase = name.EndsWith('~');
                var negate = name.StartsWith('!');
                var comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
                return row =>
                {
                    var text = KqlValues.Text(left(row));
                    return list.Any(v => string.Equals(text, KqlValues.Text(v(row)), comparison)) != negate;
                };
            }

            var rightOperand = ParseOperand();
            return Binary(name, left, rightOperand);
        }

        if (op.Kind == KqlTokenKind.Identifier && !op.IsWord("and") && !op.IsWord("or") && !op.IsWord("asc") && !op.IsWord("desc"))
        {
            throw new UnsupportedKqlException(op.Text, $"The KQL operator '{op.Text}' is not supported by the emulator.");
        }

        return left;
    }

    private static Func<JsonObject, JsonNode?> Binary(string op, Func<JsonObject, JsonNode?> left, Func<JsonObject, JsonNode?> right)
    {
        var negate = op.StartsWith('!') && op.Length > 2;
        var core = negate ? op[1..] : op;
        Func<JsonNode?, JsonNode?, bool> test = core switch
        {
            "==" => (a, b) => KqlValues.Number(a) is { } x && KqlValues.Number(b) is { } y ? x.Equals(y) : string.Equals(KqlValues.Text(a), KqlValues.Text(b), StringComparison.Ordinal),
            "!=" => (a, b) => !string.Equals(KqlValues.Text(a), KqlValues.Text(b), StringComparison.Ordinal),
            "=~" => (a, b) => string.Equals(KqlValues.Text(a), KqlValues.Text(b), StringComparison.OrdinalIgnoreCase),
            "!~" => (a, b) => !string.Equals(KqlValues.Text(a), KqlValues.Text(b), StringComparison.OrdinalIgnoreCase),
            "<" => (a, b) => KqlValues.Compare(a, b) < 0,
            ">" => (a, b) => KqlValues.Compare(a, b) > 0,
            "<=" => (a, b) => KqlValues.Compare(a, b) <= 0,
            ">=" => (a, b) => KqlValues.Compare(a, b) >= 0,
            "has" => (a, b) => KqlValues.HasTerm(KqlValues.Text(a), KqlValues.Text(b) ?? string.Empty),
            "contains" => (a, b) => KqlValues.Text(a)?.Contains(KqlValues.Text(b) ?? string.Empty, StringComparison.OrdinalIgnoreCase) == true,
            "startswith" => (a, b) => KqlValues.Text(a)?.StartsWith(KqlValues.Text(b) ?? string.Empty, StringComparison.OrdinalIgnoreCase) == true,
            "endswith" => (a, b) => KqlValues.Text(a)?.EndsWith(KqlValues.Text(b) ?? string.Empty, StringComparison.OrdinalIgnoreCase) == true,
            _ => throw new UnsupportedKqlException(op, $"The KQL operator '{op}' is not supported by the emulator."),
        };
        return row => JsonValue.Create(test(left(row), right(row)) != negate);
    }

    private List<Func<JsonObject, JsonNode?>> ParseList()
    {
        ExpectSymbol("(");
        var items = new List<Func<JsonObject, JsonNode?>>();
        while (!Current.IsSymbol(")"))
        {
            if (items.Count > 0)
            {
                ExpectSymbol(",");
            }

            items.Add(ParseOperand());
        }

        _position++;
        return items;
    }

    private Func<JsonObject, JsonNode?> ParseOperand()
    {
        var token = Current;
        switch (token.Kind)
        {
            case KqlTokenKind.String:
                _position++;
                var text = token.Text;
                return _ => JsonValue.Create(text);
            case KqlTokenKind.Number:
                _position++;
                var number = double.Parse(token.Text, CultureInfo.InvariantCulture);
                return _ => JsonValue.Create(number);
            case KqlTokenKind.Symbol when token.Text == "(":
                _position++;
                var inner = ParseOr();
                ExpectSymbol(")");
                return inner;
            case KqlTokenKind.Identifier when token.IsWord("true") || token.IsWord("false"):
                _position++;
                var flag = token.IsWord("true");
                return _ => JsonValue.Create(flag);
            case KqlTokenKind.Identifier when _tokens[_position + 1].IsSymbol("("):
                return ParseFunction();
            case KqlTokenKind.Identifier:
                return ParsePath();
            default:
                throw new UnsupportedKqlException(token.Text, $"Unexpected '{token.Text}' at position {token.Position}.");
        }
    }

    private Func<JsonObject, JsonNode?> ParseFunction()
    {
        var name = Current.Text.ToLowerInvariant();
        _position += 2;
        var argument = ParseOr();
        ExpectSymbol(")");
        return name switch
        {
            "isnotempty" => row => JsonValue.Create(!KqlValues.IsEmpty(argument(row))),
            "isempty" => row => JsonValue.Create(KqlValues.IsEmpty(argument(row))),
            "isnotnull" => row => JsonValue.Create(argument(row) is not null),
            "isnull" => row => JsonValue.Create(argument(row) is null),
            "not" => row => JsonValue.Create(!KqlValues.Truthy(argument(row))),
            "tolower" => row => KqlValues.Text(argument(row)) is { } t ? JsonValue.Create(t.ToLowerInvariant()) : null,
            "toupper" => row => KqlValues.Text(argument(row)) is { } t ? JsonValue.Create(t.ToUpperInvariant()) : null,
            "tostring" => row => JsonValue.Create(KqlValues.Text(argument(row)) ?? string.Empty),
            "tobool" or "toboolean" => row => JsonValue.Create(KqlValues.Truthy(argument(row))),
            _ => throw new UnsupportedKqlException(name, $"The KQL function '{name}()' is not supported by the emulator."),
        };
    }

    private Func<JsonObject, JsonNode?> ParsePath()
    {
        var parts = new List<string> { Current.Text };
        _position++;
        while (true)
        {
            if (Current.IsSymbol(".") && _tokens[_position + 1].Kind == KqlTokenKind.Identifier)
            {
                parts.Add(_tokens[_position + 1].Text);
                _position += 2;
            }
            else if (Current.IsSymbol("[") && _tokens[_position + 1].Kind == KqlTokenKind.String && _tokens[_position + 2].IsSymbol("]"))
            {
                parts.Add(_tokens[_position + 1].Text);
                _position += 3;
            }
            else
            {
                break;
            }
        }

        return row =>
        {
            JsonNode? current = row;
            foreach (var part in parts)
            {
                current = current is JsonObject obj ? Property(obj, part) : null;
            }

            return current;
        };
    }

    /// <summary>Column names are case-sensitive in KQL, but property bags are matched case-insensitively as a fallback.</summary>
    private static JsonNode? Property(JsonObject obj, string name) =>
        obj.TryGetPropertyValue(name, out var exact) ? exact : obj.FirstOrDefault(p => p.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;

    private static JsonObject Project(JsonObject row, List<(string Name, Func<JsonObject, JsonNode?> Value)> columns)
    {
        var projected = new JsonObject();
        foreach (var (name, value) in columns)
        {
            projected[name] = value(row)?.DeepClone();
        }

        return projected;
    }

    private static IEnumerable<JsonObject> Order(IEnumerable<JsonObject> rows, List<(Func<JsonObject, JsonNode?> Key, bool Descending)> keys)
    {
        // Stable: rows with equal keys keep their input order, so paging over an ordered query is deterministic.
        var indexed = rows.Select((row, index) => (Row: row, Index: index)).ToArray();
        Array.Sort(indexed, (a, b) =>
        {
            foreach (var (key, descending) in keys)
            {
                var order = KqlValues.Compare(key(a.Row), key(b.Row));
                if (order != 0)
                {
                    return descending ? -order : order;
                }
            }

            return a.Index.CompareTo(b.Index);
        });
        return indexed.Select(i => i.Row);
    }

    private void Expect(string word)
    {
        if (!Current.IsWord(word))
        {
            throw new UnsupportedKqlException(Current.Text, $"Expected '{word}' at position {Current.Position}, found '{Current.Text}'.");
        }

        _position++;
    }

    private void ExpectSymbol(string symbol)
    {
        if (!Current.IsSymbol(symbol))
        {
            throw new UnsupportedKqlException(Current.Text, $"Expected '{symbol}' at position {Current.Position}, found '{Current.Text}'.");
        }

        _position++;
    }
}
