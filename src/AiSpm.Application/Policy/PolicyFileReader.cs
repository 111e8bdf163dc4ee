using System.Globalization;
using System.Text.RegularExpressions;
using AiSpm.Core.Findings;
using AiSpm.Core.Policy;
using AiSpm.Core.Rules;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace AiSpm.Application.Policy;

/// <summary>
/// Reads a policy file into a <see cref="ScanPolicy"/>. The file is YAML (JSON is accepted, being YAML too); keys are
/// camelCase and every one is checked, so a misspelt key is an error rather than a silently ignored line:
/// <code>
/// version: 1                      # required, must be 1
/// baseline: AiSpm.Default         # optional (default AiSpm.Default); a name from Baselines.All
/// rules:
///   enable: [AISPM-1004]          # rule ids of the catalogue ('aispm rules list')
///   disable: [AISPM-1153]         # a rule both enabled and disabled is an error
///   severity:                     # rule id -> level (a Severity name, any case) and a non-empty reason
///     AISPM-1007: { level: Low, reason: "Private endpoints are a 2027 program" }
/// settings:                       # RuleSettings.Names; whole numbers, 1..3650 days, searchMinimumReplicas 1..12
///   secretMaxLifetimeDays: 180
///   mcpAllowedDomains: [contoso.com] # domain names (a list)
/// exemptions:
///   - id: EX-001                  # required, unique
///     rules: [AISPM-1001]         # required, not empty: rule ids or "*"
///     scope:                      # required, at least one of: subscription (GUID), resourceGroup,
///       tag: "env=sandbox"        #   resource (pattern, * allowed), tag ("key=value"), appId (GUID)
///     justification: "..."        # required
///     owner: "..."                # required
///     expires: 2027-03-31         # required: a date (UTC midnight) or an ISO 8601 date-time, at most 3 years
///                                 #   ahead; once past, the exemption no longer applies
/// sanctionedApps:
///   - appId: "..."                # a GUID, or publisherId: "..." (exactly one of them)
///     reason: "..."               # required
/// knownBots:
///   - name: bot-contoso-helpdesk  # required (pattern, * allowed)
///     reason: "..."               # required
/// </code>
/// Every problem in the file is collected, then one <see cref="PolicyFileException"/> lists them all, each with its
/// line and the dotted path of its key (<c>exemptions[0].expires</c>). An empty section (<c>exemptions:</c> with
/// nothing after it) is the same as an absent one.
/// </summary>
public sealed partial class PolicyFileReader
{
    private const string Root = "(root)";
    private const int MaxDays = 3650;
    private const int MaxReplicas = 12;
    private const int MaxExemptionYears = 3;
    private static readonly string[] TopKeys = ["version", "baseline", "rules", "settings", "exemptions", "sanctionedApps", "knownBots"];
    private static readonly string[] RulesKeys = ["enable", "disable", "severity"];
    private static readonly string[] SeverityKeys = ["level", "reason"];
    private static readonly string[] ExemptionKeys = ["id", "rules", "scope", "justification", "owner", "expires"];
    private static readonly string[] ScopeKeys = ["subscription", "resourceGroup", "resource", "tag", "appId"];
    private static readonly string[] SanctionedAppKeys = ["appId", "publisherId", "reason"];
    private static readonly string[] KnownBotKeys = ["name", "reason"];

    private readonly List<(int Line, string Key, string Problem)> _problems = [];
    private readonly DateTimeOffset _now;

    private PolicyFileReader(DateTimeOffset now) => _now = now;

    /// <summary>Reads the policy file at <paramref name="path"/>; <paramref name="path"/> becomes <see cref="ScanPolicy.Source"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="now">The time exemption expiry dates are checked against.</param>
    /// <exception cref="PolicyFileException">The file is not a valid policy; the message lists every problem.</exception>
    /// <exception cref="IOException">The file cannot be read (<see cref="FileNotFoundException"/> when it does not exist).</exception>
    public static ScanPolicy ReadFile(string path, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Read(File.ReadAllText(path), path, now);
    }

    /// <summary>Reads a policy from its text.</summary>
    /// <param name="text">The YAML (or JSON) text.</param>
    /// <param name="source">Where the text came from (a file path, a blob URL): named in every error and kept as <see cref="ScanPolicy.Source"/>.</param>
    /// <param name="now">The time exemption expiry dates are checked against.</param>
    /// <exception cref="PolicyFileException">The text is not a valid policy; the message lists every problem.</exception>
    public static ScanPolicy Read(string text, string source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(source);
        var stream = new YamlStream();
        var scanner = new Scanner(new StringReader(text));
        try
        {
            stream.Load(new Parser(scanner));
        }
        catch (YamlException e)
        {
            // A tab in the indentation is reported at the start of the enclosing mapping; the scanner stands on the tab.
            var at = e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) ? scanner.CurrentPosition : e.Start;
            throw new PolicyFileException(source, LineOf(at), "(yaml)", ParserMessage(e), e);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet gives up without a YamlException on some truncated flow collections ("[a, b" and no "]").
            throw new PolicyFileException(source, LineOf(scanner.CurrentPosition), "(yaml)", "not valid YAML: the parser stopped here; look for an unclosed [ or { or quote", e);
        }

        var reader = new PolicyFileReader(now);
        var policy = reader.ReadStream(stream, source);
        if (reader._problems.Count > 0)
        {
            throw new PolicyFileException(source, reader._problems.OrderBy(p => p.Line).ToList());
        }

        return policy!;
    }

    private ScanPolicy? ReadStream(YamlStream stream, string source)
    {
        if (stream.Documents.Count == 0 || IsNull(stream.Documents[0].RootNode))
        {
            Problem(1, Root, $"the file is empty; a policy needs at least 'version: 1'");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            Problem(stream.Documents[1].RootNode, Root, "the file holds more than one YAML document ('---'); a policy is one document");
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            Problem(stream.Documents[0].RootNode, Root, $"the file must be a mapping of keys ({string.Join(", ", TopKeys)}), not {Describe(stream.Documents[0].RootNode)}");
            return null;
        }

        var keys = Keys(root, string.Empty, TopKeys);
        if (!keys.TryGetValue("version", out var version))
        {
            Problem(root, "version", "is required; write 'version: 1' first");
        }
        else if (Whole(version.Value, "version") is { } number && number != 1)
        {
            Problem(version.Value, "version", $"must be 1 (the only policy file version), not {number}");
        }

        var baseline = Baselines.Default;
        if (keys.TryGetValue("baseline", out var baselineEntry) && Text(baselineEntry, "baseline", required: true) is { } baselineName)
        {
            if (Baselines.Find(baselineName) is { } found)
            {
                baseline = found;
            }
            else
            {
                Problem(baselineEntry.Value, "baseline", $"unknown baseline '{baselineName}'; expected one of {string.Join(", ", Baselines.All.Select(b => b.Name))}");
            }
        }

        var (enabled, disabled, overrides) = keys.TryGetValue("rules", out var rules) ? ReadRules(rules.Value) : ([], [], []);
        var settings = keys.TryGetValue("settings", out var settingsEntry) ? ReadSettings(settingsEntry.Value) : RuleSettings.Default;
        var exemptions = keys.TryGetValue("exemptions", out var exemptionsEntry) ? ReadList(exemptionsEntry.Value, "exemptions", ReadExemptions) : [];
        var sanctioned = keys.TryGetValue("sanctionedApps", out var sanctionedEntry) ? ReadList(sanctionedEntry.Value, "sanctionedApps", ReadSanctionedApps) : [];
        var bots = keys.TryGetValue("knownBots", out var botsEntry) ? ReadList(botsEntry.Value, "knownBots", ReadKnownBots) : [];
        return new ScanPolicy
        {
            Baseline = baseline,
            EnabledRules = enabled,
            DisabledRules = disabled,
            SeverityOverrides = overrides,
            Settings = settings,
            Exemptions = exemptions,
            SanctionedApps = sanctioned,
            KnownBots = bots,
            Source = source,
        };
    }

    private (List<string> Enabled, List<string> Disabled, List<SeverityOverride> Overrides) ReadRules(YamlNode node)
    {
        if (Mapping(node, "rules") is not { } rules)
        {
            return ([], [], []);
        }

        var keys = Keys(rules, "rules", RulesKeys);
        var enabled = keys.TryGetValue("enable", out var enable) ? RuleIds(enable.Value, "rules.enable", allowAll: false) : [];
        var disabled = keys.TryGetValue("disable", out var disable) ? RuleIds(disable.Value, "rules.disable", allowAll: false) : [];
        var enabledIds = enabled.Select(e => e.Id).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (item, key, id) in disabled.Where(d => enabledIds.Contains(d.Id)))
        {
            Problem(item, key, $"{id} is both enabled (rules.enable) and disabled; keep one");
        }

        var overrides = new List<SeverityOverride>();
        if (keys.TryGetValue("severity", out var severity) && Mapping(severity.Value, "rules.severity") is { } map)
        {
            foreach (var (keyNode, value) in map.Children)
            {
                if (keyNode is not YamlScalarNode { Value: { } raw } || IsNull(keyNode))
                {
                    Problem(keyNode, "rules.severity", "each key must be a rule id");
                    continue;
                }

                var path = $"rules.severity.{raw}";
                var ruleId = RuleId(keyNode, path, raw);
                if (Mapping(value, path, "a mapping with level and reason, like { level: Low, reason: \"...\" }") is not { } entry)
                {
                    continue;
                }

                var entryKeys = Keys(entry, path, SeverityKeys);
                var level = Required(entryKeys, entry, path, "level") is { } levelEntry ? SeverityOf(levelEntry, $"{path}.level") : null;
                var reason = Required(entryKeys, entry, path, "reason") is { } reasonEntry ? Text(reasonEntry, $"{path}.reason", required: true) : null;
                if (ruleId is not null && level is { } l && reason is not null)
                {
                    overrides.Add(new SeverityOverride(ruleId, l, reason));
                }
            }
        }

        return (enabled.Select(e => e.Id).ToList(), disabled.Select(d => d.Id).ToList(), overrides);
    }

    private RuleSettings ReadSettings(YamlNode node)
    {
        var settings = RuleSettings.Default;
        if (Mapping(node, "settings") is not { } map)
        {
            return settings;
        }

        foreach (var (name, entry) in Keys(map, "settings", RuleSettings.Names))
        {
            var path = $"settings.{name}";
            if (name == "mcpAllowedDomains")
            {
                settings = settings with { McpAllowedDomains = ReadDomains(entry.Value, path) };
                continue;
            }

            var max = name == "searchMinimumReplicas" ? MaxReplicas : MaxDays;
            if (Whole(entry.Value, path) is not { } value)
            {
                continue;
            }

            if (value < 1 || value > max)
            {
                Problem(entry.Value, path, $"must be between 1 and {max}{(max == MaxDays ? " days" : string.Empty)}, not {value}");
                continue;
            }

            settings = name switch
            {
                "secretMaxLifetimeDays" => settings with { SecretMaxLifetimeDays = value },
                "certificateMaxLifetimeDays" => settings with { CertificateMaxLifetimeDays = value },
                "secretExpiryWarningDays" => settings with { SecretExpiryWarningDays = value },
                "modelRetirementHorizonDays" => settings with { ModelRetirementHorizonDays = value },
                "searchMinimumReplicas" => settings with { SearchMinimumReplicas = value },
                "agentDormantDays" => settings with { AgentDormantDays = value },
                "copilotImportMaxAgeDays" => settings with { CopilotImportMaxAgeDays = value },
                _ => throw new InvalidOperationException($"RuleSettings.Names has '{name}', which the policy file reader does not set."),
            };
        }

        return settings;
    }

    /// <summary>A list of DNS names (lower-cased, a leading "*." or "." dropped); anything else is a problem naming the entry.</summary>
    private List<string> ReadDomains(YamlNode node, string path)
    {
        var domains = new List<string>();
        if (node is not YamlSequenceNode list)
        {
            Problem(node, path, $"must be a list of domain names, not {Describe(node)}");
            return domains;
        }

        foreach (var (item, index) in list.Children.Select((item, index) => (item, index)))
        {
            var text = item is YamlScalarNode { Value: { } value } ? value.Trim().ToLowerInvariant() : null;
            var name = text?.StartsWith("*.", StringComparison.Ordinal) == true ? text[2..] : text?.TrimStart('.');
            if (string.IsNullOrEmpty(name) || Uri.CheckHostName(name) != UriHostNameType.Dns || !name.Contains('.', StringComparison.Ordinal))
            {
                Problem(item, $"{path}[{index}]", $"must be a domain name such as contoso.com, not {Describe(item)}");
                continue;
            }

            domains.Add(name);
        }

        return domains;
    }

    private List<PolicyExemption> ReadExemptions(YamlSequenceNode list)
    {
        var exemptions = new List<PolicyExemption>();
        var ids = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"exemptions[{i}]";
            if (Mapping(list.Children[i], path) is not { } item)
            {
                continue;
            }

            var keys = Keys(item, path, ExemptionKeys);
            var id = Required(keys, item, path, "id") is { } idEntry ? Text(idEntry, $"{path}.id", required: true) : null;
            if (id is not null)
            {
                if (ids.TryGetValue(id, out var firstLine))
                {
                    Problem(keys["id"].Value, $"{path}.id", $"duplicate exemption id '{id}' (first used on line {firstLine}); ids must be unique");
                    id = null;
                }
                else
                {
                    ids[id] = LineOf(keys["id"].Value.Start);
                }
            }

            List<(YamlNode Node, string Key, string Id)>? rules = null;
            if (Required(keys, item, path, "rules") is { } rulesEntry)
            {
                rules = RuleIds(rulesEntry.Value, $"{path}.rules", allowAll: true);
                if (rules.Count == 0 && (rulesEntry.Value is YamlSequenceNode { Children.Count: 0 } || IsNull(rulesEntry.Value)))
                {
                    Problem(rulesEntry.Key, $"{path}.rules", "must list at least one rule id (or \"*\" for every rule)");
                    rules = null;
                }
            }

            var scope = Required(keys, item, path, "scope") is { } scopeEntry ? ReadScope(scopeEntry, $"{path}.scope") : null;
            var justification = Required(keys, item, path, "justification") is { } j ? Text(j, $"{path}.justification", required: true) : null;
            var owner = Required(keys, item, path, "owner") is { } o ? Text(o, $"{path}.owner", required: true) : null;
            var expires = Required(keys, item, path, "expires") is { } e ? Expiry(e, $"{path}.expires") : null;
            if (id is not null && rules is { Count: > 0 } && scope is not null && justification is not null && owner is not null && expires is { } expiresAt)
            {
                exemptions.Add(scope with { Id = id, Rules = rules.Select(r => r.Id).ToList(), Justification = justification, Owner = owner, ExpiresAt = expiresAt });
            }
        }

        return exemptions;
    }

    // The scope's conditions on an exemption whose other fields the caller fills in.
    private PolicyExemption? ReadScope((YamlScalarNode Key, YamlNode Value) entry, string path)
    {
        if (Mapping(entry.Value, path) is not { } map)
        {
            if (IsNull(entry.Value))
            {
                Problem(entry.Key, path, $"needs at least one of {string.Join(", ", ScopeKeys)}");
            }

            return null;
        }

        var keys = Keys(map, path, ScopeKeys);
        if (keys.Count == 0)
        {
            if (map.Children.Count == 0)
            {
                Problem(map, path, $"needs at least one of {string.Join(", ", ScopeKeys)}; to turn a rule off everywhere, disable it under rules.disable");
            }

            return null;
        }

        var ok = true;
        string? subscription = null, resourceGroup = null, resource = null, appId = null;
        KeyValuePair<string, string>? tag = null;
        if (keys.TryGetValue("subscription", out var s))
        {
            subscription = Guid(s, $"{path}.subscription", "a subscription id");
            ok &= subscription is not null;
        }

        if (keys.TryGetValue("resourceGroup", out var rg))
        {
            resourceGroup = Text(rg, $"{path}.resourceGroup", required: true);
            ok &= resourceGroup is not null;
        }

        if (keys.TryGetValue("resource", out var r))
        {
            resource = Text(r, $"{path}.resource", required: true);
            ok &= resource is not null;
        }

        if (keys.TryGetValue("tag", out var t) && Text(t, $"{path}.tag", required: true) is { } tagText)
        {
            var at = tagText.IndexOf('=', StringComparison.Ordinal);
            if (at <= 0)
            {
                Problem(t.Value, $"{path}.tag", $"must be \"key=value\", not '{tagText}'");
            }
            else
            {
                tag = new KeyValuePair<string, string>(tagText[..at], tagText[(at + 1)..]);
            }
        }

        ok &= !keys.ContainsKey("tag") || tag is not null;
        if (keys.TryGetValue("appId", out var a))
        {
            appId = Guid(a, $"{path}.appId", "an application (client) id");
            ok &= appId is not null;
        }

        return ok
            ? new PolicyExemption { Id = string.Empty, Rules = [], Justification = string.Empty, Owner = string.Empty, ExpiresAt = default, Subscription = subscription, ResourceGroup = resourceGroup, Resource = resource, Tag = tag, AppId = appId }
            : null;
    }

    private List<SanctionedApp> ReadSanctionedApps(YamlSequenceNode list)
    {
        var apps = new List<SanctionedApp>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"sanctionedApps[{i}]";
            if (Mapping(list.Children[i], path) is not { } item)
            {
                continue;
            }

            var keys = Keys(item, path, SanctionedAppKeys);
            var hasApp = keys.TryGetValue("appId", out var appEntry);
            var hasPublisher = keys.TryGetValue("publisherId", out var publisherEntry);
            string? appId = null, publisherId = null;
            var ok = true;
            if (hasApp && hasPublisher)
            {
                Problem(item, path, "give appId or publisherId, not both (list the publisher as its own entry)");
                ok = false;
            }
            else if (!hasApp && !hasPublisher)
            {
                Problem(item, path, "needs appId (an application id) or publisherId (a verified publisher id)");
                ok = false;
            }
            else if (hasApp)
            {
                appId = Guid(appEntry, $"{path}.appId", "an application (client) id");
                ok = appId is not null;
            }
            else
            {
                publisherId = Text(publisherEntry, $"{path}.publisherId", required: true);
                ok = publisherId is not null;
            }

            var reason = Required(keys, item, path, "reason") is { } r ? Text(r, $"{path}.reason", required: true) : null;
            if (ok && reason is not null)
            {
                apps.Add(new SanctionedApp(appId, publisherId, reason));
            }
        }

        return apps;
    }

    private List<KnownBot> ReadKnownBots(YamlSequenceNode list)
    {
        var bots = new List<KnownBot>();
        for (var i = 0; i < list.Children.Count; i++)
        {
            var path = $"knownBots[{i}]";
            if (Mapping(list.Children[i], path) is not { } item)
            {
                continue;
            }

            var keys = Keys(item, path, KnownBotKeys);
            var name = Required(keys, item, path, "name") is { } n ? Text(n, $"{path}.name", required: true) : null;
            var reason = Required(keys, item, path, "reason") is { } r ? Text(r, $"{path}.reason", required: true) : null;
            if (name is not null && reason is not null)
            {
                bots.Add(new KnownBot(name, reason));
            }
        }

        return bots;
    }

    private List<T> ReadList<T>(YamlNode node, string path, Func<YamlSequenceNode, List<T>> read)
    {
        if (IsNull(node))
        {
            return [];
        }

        if (node is not YamlSequenceNode list)
        {
            Problem(node, path, $"must be a list ('- ' items), not {Describe(node)}");
            return [];
        }

        return read(list);
    }

    // The rule ids of a list, each as the catalogue spells it; unknown ids and repeats are problems.
    private List<(YamlNode Node, string Key, string Id)> RuleIds(YamlNode node, string path, bool allowAll)
    {
        var ids = new List<(YamlNode, string, string)>();
        if (IsNull(node))
        {
            return ids;
        }

        if (node is not YamlSequenceNode list)
        {
            Problem(node, path, $"must be a list of rule ids, like [AISPM-1001], not {Describe(node)}");
            return ids;
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < list.Children.Count; i++)
        {
            var itemPath = $"{path}[{i}]";
            var item = list.Children[i];
            if (item is not YamlScalarNode { Value: { } raw } || IsNull(item))
            {
                Problem(item, itemPath, $"must be a rule id, not {Describe(item)}");
                continue;
            }

            var id = allowAll && raw == "*" ? "*" : RuleId(item, itemPath, raw);
            if (id is null)
            {
                continue;
            }

            if (!seen.Add(id))
            {
                Problem(item, itemPath, $"{id} is listed twice");
                continue;
            }

            ids.Add((item, itemPath, id));
        }

        return ids;
    }

    private string? RuleId(YamlNode node, string path, string raw)
    {
        if (RuleCatalog.BuiltIn.Find(raw) is { } rule)
        {
            return rule.Descriptor.Id;
        }

        Problem(node, path, $"unknown rule id '{raw}' (see 'aispm rules list')");
        return null;
    }

    private Severity? SeverityOf((YamlScalarNode Key, YamlNode Value) entry, string path)
    {
        if (Text(entry, path, required: true) is not { } text)
        {
            return null;
        }

        // Names only: Enum.TryParse would also take "3".
        if (Enum.GetNames<Severity>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is { } name)
        {
            return Enum.Parse<Severity>(name);
        }

        Problem(entry.Value, path, $"unknown severity '{text}'; expected one of {string.Join(", ", Enum.GetNames<Severity>())}");
        return null;
    }

    private string? Guid((YamlScalarNode Key, YamlNode Value) entry, string path, string what)
    {
        if (Text(entry, path, required: true) is not { } text)
        {
            return null;
        }

        if (System.Guid.TryParseExact(text, "D", out _))
        {
            return text;
        }

        Problem(entry.Value, path, $"must be {what}, a GUID like 00000000-0000-0000-0000-000000000000, not '{text}'");
        return null;
    }

    private DateTimeOffset? Expiry((YamlScalarNode Key, YamlNode Value) entry, string path)
    {
        if (Text(entry, path, required: true) is not { } text)
        {
            return null;
        }

        DateTimeOffset at;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            at = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }
        else if (!IsoDateTime().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out at))
        {
            Problem(entry.Value, path, $"must be a date (2027-03-31) or an ISO 8601 date-time (2027-03-31T18:00:00Z), not '{text}'");
            return null;
        }

        // An exemption that has expired is read, not refused: it no longer applies (its findings are open again), and
        // a deployed app whose policy holds one must still start. 'aispm policy validate' warns about it.
        var latest = _now.AddYears(MaxExemptionYears);
        if (at > latest)
        {
            Problem(entry.Value, path, $"{text} is more than {MaxExemptionYears} years ahead (latest {latest.UtcDateTime:yyyy-MM-dd}); exemptions must come up for review");
            return null;
        }

        return at;
    }

    // The recognised keys of a mapping with their key and value nodes; an unknown or non-text key is a problem.
    private Dictionary<string, (YamlScalarNode Key, YamlNode Value)> Keys(YamlMappingNode map, string path, IReadOnlyList<string> allowed)
    {
        var keys = new Dictionary<string, (YamlScalarNode, YamlNode)>(StringComparer.Ordinal);
        foreach (var (keyNode, value) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } name } scalar || IsNull(keyNode))
            {
                Problem(keyNode, path.Length == 0 ? Root : path, $"keys must be names, not {Describe(keyNode)}");
                continue;
            }

            var keyPath = Child(path, name);
            if (allowed.Contains(name, StringComparer.Ordinal))
            {
                keys[name] = (scalar, value);
            }
            else if (allowed.FirstOrDefault(a => string.Equals(a, name, StringComparison.OrdinalIgnoreCase)) is { } cased)
            {
                Problem(keyNode, keyPath, $"unknown key; keys are camelCase: did you mean '{cased}'?");
            }
            else
            {
                Problem(keyNode, keyPath, $"unknown key; expected one of {string.Join(", ", allowed)}");
            }
        }

        return keys;
    }

    private (YamlScalarNode Key, YamlNode Value)? Required(Dictionary<string, (YamlScalarNode Key, YamlNode Value)> keys, YamlMappingNode map, string path, string name)
    {
        if (keys.TryGetValue(name, out var entry))
        {
            return entry;
        }

        Problem(map, Child(path, name), "is required");
        return null;
    }

    private YamlMappingNode? Mapping(YamlNode node, string path, string? expected = null)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        if (!IsNull(node) || expected is not null)
        {
            Problem(node, path, $"must be {expected ?? "a mapping (key: value lines)"}, not {Describe(node)}");
        }

        return null;
    }

    private string? Text((YamlScalarNode Key, YamlNode Value) entry, string path, bool required)
    {
        if (entry.Value is not YamlScalarNode scalar)
        {
            Problem(entry.Value, path, $"must be a text value, not {Describe(entry.Value)}");
            return null;
        }

        if (IsNull(scalar) || string.IsNullOrWhiteSpace(scalar.Value))
        {
            if (required)
            {
                Problem(entry.Key, path, "must not be empty");
            }

            return null;
        }

        return scalar.Value.Trim();
    }

    private int? Whole(YamlNode node, string path)
    {
        if (node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: { } text }
            && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Problem(node, path, $"must be a whole number, not {Describe(node)}");
        return null;
    }

    private void Problem(YamlNode node, string key, string problem) => Problem(LineOf(node.Start), key, problem);

    private void Problem(int line, string key, string problem) => _problems.Add((line, key, problem));

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static int LineOf(Mark mark) => (int)Math.Max(1, mark.Line);

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any } scalar && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static string Describe(YamlNode node) => node switch
    {
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        YamlScalarNode scalar when IsNull(scalar) => "nothing",
        YamlScalarNode { Style: ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted } scalar => $"the quoted text \"{scalar.Value}\"",
        YamlScalarNode scalar => $"'{scalar.Value}'",
        _ => "an alias",
    };

    // YamlDotNet's messages start with "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 6, Idx: 21): "; the line is given apart.
    private static string ParserMessage(YamlException exception)
    {
        var message = MarkPrefix().Replace(exception.Message, string.Empty).Trim();
        if (exception.InnerException is { } inner && !string.IsNullOrWhiteSpace(inner.Message))
        {
            message = $"{message.TrimEnd('.')}: {inner.Message}";
        }

        return $"not valid YAML: {message}";
    }

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*")]
    private static partial Regex MarkPrefix();

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?\s*([Zz]|[+-]\d{2}:\d{2})?$")]
    private static partial Regex IsoDateTime();
}
