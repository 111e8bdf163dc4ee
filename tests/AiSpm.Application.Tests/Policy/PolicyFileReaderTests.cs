using AiSpm.Application.Policy;
using AiSpm.Core.Findings;
using AiSpm.Core.Policy;

namespace AiSpm.Application.Tests.Policy;

/// <summary>
/// Policy files: a full file becomes every field of the <see cref="ScanPolicy"/>, JSON is read as YAML, and each
/// problem names its file, line and key path, all of them at once.
/// </summary>
public sealed class PolicyFileReaderTests
{
    private const string Source = "policies/contoso.yaml";
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);

    private const string Full = """
        # Contoso's policy
        version: 1
        baseline: aispm.strict
        rules:
          enable: [AISPM-1004]
          disable:
            - aispm-1153
          severity:
            AISPM-1007: { level: low, reason: "Private endpoints are a 2027 program" }
            AISPM-1001:
              level: Critical
              reason: Internet-facing models are banned
        settings:
          secretMaxLifetimeDays: 180
          certificateMaxLifetimeDays: 400
          secretExpiryWarningDays: 14
          modelRetirementHorizonDays: 60
          searchMinimumReplicas: 3
        exemptions:
          - id: EX-001
            rules: [AISPM-1001]
            scope:
              tag: "env=sandbox"
            justification: Sandbox subscriptions hold no customer data
            owner: platform-team@contoso.com
            expires: 2027-03-31
          - id: EX-002
            rules: ["*"]
            scope:
              subscription: 11111111-2222-3333-4444-555555555555
              resourceGroup: rg-lab
              resource: "*/accounts/oai-lab-*"
              appId: aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee
            justification: The lab is torn down every quarter
            owner: lab@contoso.com
            expires: 2026-09-01T18:30:00+02:00
        sanctionedApps:
          - appId: 99999999-8888-7777-6666-555555555555
            reason: CAB-1234
          - publisherId: "1234567"
            reason: Approved vendor (review 2026-04)
        knownBots:
          - name: bot-contoso-*
            reason: Serves Teams and Web Chat
        """;

    // Lines: 1 version, 2 exemptions, 3 id, 4 rules, 5 scope, 6 tag, 7 justification, 8 owner, 9 expires.
    private static readonly string[] OneExemption =
    [
        "version: 1",
        "exemptions:",
        "  - id: EX-001",
        "    rules: [AISPM-1001]",
        "    scope:",
        "      tag: env=sandbox",
        "    justification: Sandbox",
        "    owner: platform",
        "    expires: 2027-03-31",
    ];

    [Fact]
    public void A_full_file_sets_every_field_of_the_policy()
    {
        var policy = PolicyFileReader.Read(Full, Source, Now);

        Assert.Same(Baselines.Strict, policy.Baseline);
        Assert.Equal(["AISPM-1004"], policy.EnabledRules);
        Assert.Equal(["AISPM-1153"], policy.DisabledRules);
        Assert.Equal(
            [new SeverityOverride("AISPM-1007", Severity.Low, "Private endpoints are a 2027 program"), new SeverityOverride("AISPM-1001", Severity.Critical, "Internet-facing models are banned")],
            policy.SeverityOverrides);
        Assert.Equal(new RuleSettings { SecretMaxLifetimeDays = 180, CertificateMaxLifetimeDays = 400, SecretExpiryWarningDays = 14, ModelRetirementHorizonDays = 60, SearchMinimumReplicas = 3 }, policy.Settings);
        Assert.Equal(2, policy.Exemptions.Count);
        var sandbox = policy.Exemptions[0];
        Assert.Equal(("EX-001", "AISPM-1001", "Sandbox subscriptions hold no customer data", "platform-team@contoso.com"), (sandbox.Id, Assert.Single(sandbox.Rules), sandbox.Justification, sandbox.Owner));
        Assert.Equal(new KeyValuePair<string, string>("env", "sandbox"), sandbox.Tag);
        Assert.Equal((null, null, null, null), (sandbox.Subscription, sandbox.ResourceGroup, sandbox.Resource, sandbox.AppId));
        Assert.Equal(new DateTimeOffset(2027, 3, 31, 0, 0, 0, TimeSpan.Zero), sandbox.ExpiresAt);
        Assert.Equal(TimeSpan.Zero, sandbox.ExpiresAt.Offset);
        var lab = policy.Exemptions[1];
        Assert.Equal(("EX-002", "*"), (lab.Id, Assert.Single(lab.Rules)));
        Assert.Equal(("11111111-2222-3333-4444-555555555555", "rg-lab", "*/accounts/oai-lab-*", "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"), (lab.Subscription, lab.ResourceGroup, lab.Resource, lab.AppId));
        Assert.Null(lab.Tag);
        Assert.Equal(("The lab is torn down every quarter", "lab@contoso.com"), (lab.Justification, lab.Owner));
        Assert.Equal(new DateTimeOffset(2026, 9, 1, 16, 30, 0, TimeSpan.Zero), lab.ExpiresAt);
        Assert.Equal([new SanctionedApp("99999999-8888-7777-6666-555555555555", null, "CAB-1234"), new SanctionedApp(null, "1234567", "Approved vendor (review 2026-04)")], policy.SanctionedApps);
        Assert.Equal([new KnownBot("bot-contoso-*", "Serves Teams and Web Chat")], policy.KnownBots);
        Assert.Equal(Source, policy.Source);
    }

    [Fact]
    public void Mcp_allowed_domains_are_read_lower_case_without_wildcards_and_change_the_digest()
    {
        var policy = PolicyFileReader.Read("version: 1\nsettings:\n  mcpAllowedDomains: [MCP.Contoso.com, '*.fabrikam.net']\n", Source, Now);

        Assert.Equal(["mcp.contoso.com", "fabrikam.net"], policy.Settings.McpAllowedDomains);
        Assert.True(policy.Settings.AllowsMcpHost("tools.fabrikam.net"));
        Assert.False(policy.Settings.AllowsMcpHost("contoso.com"));
        Assert.NotEqual(AiSpm.Core.Policy.ScanPolicy.Default.Digest(), policy.Digest());
    }

    [Fact]
    public void A_file_with_only_the_version_is_the_default_policy()
    {
        var policy = PolicyFileReader.Read("version: 1\nexemptions:\nknownBots: []\n", Source, Now);

        Assert.Equal(ScanPolicy.Default.Digest(), policy.Digest());
        Assert.Same(Baselines.Default, policy.Baseline);
        Assert.Empty(policy.Exemptions);
        Assert.Equal(Source, policy.Source);
    }

    [Fact]
    public void Json_is_read_as_yaml_and_its_errors_have_lines_too()
    {
        const string json = """
            {
            	"version": 1,
            	"baseline": "AiSpm.Default",
            	"rules": { "enable": ["AISPM-1004"], "disable": ["AISPM-1153"], "severity": { "AISPM-1007": { "level": "Low", "reason": "Later" } } },
            	"settings": { "secretMaxLifetimeDays": 180 },
            	"exemptions": [
            		{ "id": "EX-001", "rules": ["AISPM-1001"], "scope": { "tag": "env=sandbox" }, "justification": "Sandbox", "owner": "platform", "expires": "2027-03-31" }
            	],
            	"sanctionedApps": [ { "publisherId": "1234567", "reason": "Vendor" } ],
            	"knownBots": [ { "name": "bot-*", "reason": "Teams" } ]
            }
            """;
        const string yaml = """
            version: 1
            rules:
              enable: [AISPM-1004]
              disable: [AISPM-1153]
              severity:
                AISPM-1007: { level: Low, reason: Later }
            settings: { secretMaxLifetimeDays: 180 }
            exemptions:
              - { id: EX-001, rules: [AISPM-1001], scope: { tag: env=sandbox }, justification: Sandbox, owner: platform, expires: 2027-03-31 }
            sanctionedApps: [{ publisherId: "1234567", reason: Vendor }]
            knownBots: [{ name: bot-*, reason: Teams }]
            """;

        var fromJson = PolicyFileReader.Read(json, "policy.json", Now);
        var broken = Assert.Throws<PolicyFileException>(() => PolicyFileReader.Read(json.Replace("180", "\"half a year\"", StringComparison.Ordinal), "policy.json", Now));

        Assert.Equal(PolicyFileReader.Read(yaml, Source, Now).Digest(), fromJson.Digest());
        Assert.Equal(["AISPM-1004"], fromJson.EnabledRules);
        Assert.Equal("EX-001", Assert.Single(fromJson.Exemptions).Id);
        Assert.Equal((5, "settings.secretMaxLifetimeDays"), (broken.Line, broken.Key));
        Assert.StartsWith("policy.json:5: settings.secretMaxLifetimeDays: must be a whole number", broken.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("baseline: AiSpm.Default\n", 1, "version", "is required")]
    [InlineData("version: 2\n", 1, "version", "must be 1")]
    [InlineData("version: \"1\"\n", 1, "version", "must be a whole number")]
    [InlineData("version: 1\nbaseline: AiSpm.Lenient\n", 2, "baseline", "unknown baseline 'AiSpm.Lenient'; expected one of AiSpm.Default, AiSpm.Strict")]
    [InlineData("version: 1\nbaseline: [AiSpm.Default]\n", 2, "baseline", "must be a text value, not a list")]
    [InlineData("version: 1\nexemption:\n  - id: EX-001\n", 2, "exemption", "unknown key; expected one of version, baseline, rules")]
    [InlineData("version: 1\nKnownBots: []\n", 2, "KnownBots", "did you mean 'knownBots'?")]
    [InlineData("version: 1\nrules:\n  enable: [AISPM-1004, AISPM-9999]\n", 3, "rules.enable[1]", "unknown rule id 'AISPM-9999'")]
    [InlineData("version: 1\nrules:\n  enable: AISPM-1004\n", 3, "rules.enable", "must be a list of rule ids")]
    [InlineData("version: 1\nrules:\n  enable: [AISPM-1004]\n  disable:\n    - AISPM-1153\n    - aispm-1004\n", 6, "rules.disable[1]", "AISPM-1004 is both enabled (rules.enable) and disabled")]
    [InlineData("version: 1\nrules:\n  disable: [AISPM-1153, AISPM-1153]\n", 3, "rules.disable[1]", "AISPM-1153 is listed twice")]
    [InlineData("version: 1\nrules:\n  disabled: [AISPM-1153]\n", 3, "rules.disabled", "unknown key; expected one of enable, disable, severity")]
    [InlineData("version: 1\nrules:\n  severity:\n    AISPM-1007: { level: Low }\n", 4, "rules.severity.AISPM-1007.reason", "is required")]
    [InlineData("version: 1\nrules:\n  severity:\n    AISPM-1007:\n      level: Low\n      reason: \"\"\n", 6, "rules.severity.AISPM-1007.reason", "must not be empty")]
    [InlineData("version: 1\nrules:\n  severity:\n    AISPM-1007:\n      level: Severe\n      reason: Later\n", 5, "rules.severity.AISPM-1007.level", "unknown severity 'Severe'; expected one of Informational, Low, Medium, High, Critical")]
    [InlineData("version: 1\nrules:\n  severity:\n    AISPM-1007: { level: 3, reason: Later }\n", 4, "rules.severity.AISPM-1007.level", "unknown severity '3'")]
    [InlineData("version: 1\nrules:\n  severity:\n    AISPM-1007: Low\n", 4, "rules.severity.AISPM-1007", "must be a mapping with level and reason")]
    [InlineData("version: 1\nrules:\n  severity:\n    AISPM-0000: { level: Low, reason: Later }\n", 4, "rules.severity.AISPM-0000", "unknown rule id 'AISPM-0000'")]
    [InlineData("version: 1\nsettings:\n  searchMinimumReplicas: 20\n", 3, "settings.searchMinimumReplicas", "must be between 1 and 12, not 20")]
    [InlineData("version: 1\nsettings:\n  secretExpiryWarningDays: 0\n", 3, "settings.secretExpiryWarningDays", "must be between 1 and 3650 days, not 0")]
    [InlineData("version: 1\nsettings:\n  secretMaxLifetimeDays: a year\n", 3, "settings.secretMaxLifetimeDays", "must be a whole number, not 'a year'")]
    [InlineData("version: 1\nsettings:\n  secretMaxLifetimeDays: 90.5\n", 3, "settings.secretMaxLifetimeDays", "must be a whole number")]
    [InlineData("version: 1\nsettings:\n  secretMaxLifetime: 90\n", 3, "settings.secretMaxLifetime", "unknown key; expected one of secretMaxLifetimeDays")]
    [InlineData("version: 1\nsettings: 90\n", 2, "settings", "must be a mapping")]
    [InlineData("version: 1\nsettings:\n  mcpAllowedDomains: contoso.com\n", 3, "settings.mcpAllowedDomains", "must be a list of domain names, not 'contoso.com'")]
    [InlineData("version: 1\nsettings:\n  mcpAllowedDomains:\n    - contoso.com\n    - https://mcp.contoso.com/\n", 5, "settings.mcpAllowedDomains[1]", "must be a domain name such as contoso.com")]
    [InlineData("version: 1\nsettings:\n  mcpAllowedDomains: [localhost]\n", 3, "settings.mcpAllowedDomains[0]", "must be a domain name")]
    [InlineData("version: 1\nexemptions:\n  id: EX-001\n", 3, "exemptions", "must be a list")]
    [InlineData("version: 1\nsanctionedApps:\n  - appId: 99999999-8888-7777-6666-555555555555\n    publisherId: \"1234567\"\n    reason: Both\n", 3, "sanctionedApps[0]", "give appId or publisherId, not both")]
    [InlineData("version: 1\nsanctionedApps:\n  - reason: Neither\n", 3, "sanctionedApps[0]", "needs appId (an application id) or publisherId")]
    [InlineData("version: 1\nsanctionedApps:\n  - appId: copilot\n    reason: Approved\n", 3, "sanctionedApps[0].appId", "must be an application (client) id, a GUID")]
    [InlineData("version: 1\nsanctionedApps:\n  - publisherId: \"1234567\"\n", 3, "sanctionedApps[0].reason", "is required")]
    [InlineData("version: 1\nexemptions:\n  - id: EX-001\n    rules: ['*']\n    scope: {}\n    justification: Lab\n    owner: lab\n    expires: 2027-01-01\n", 5, "exemptions[0].scope", "needs at least one of subscription, resourceGroup, resource, tag, appId; to turn a rule off everywhere, disable it")]
    [InlineData("version: 1\nknownBots:\n  - name: bot-a\n    reason: Teams\n  - name: bot-b\n", 5, "knownBots[1].reason", "is required")]
    [InlineData("version: 1\nknownBots:\n  - bot-a\n", 3, "knownBots[0]", "must be a mapping")]
    [InlineData("- version: 1\n", 1, "(root)", "the file must be a mapping of keys")]
    [InlineData("", 1, "(root)", "the file is empty")]
    [InlineData("# nothing but a comment\n", 1, "(root)", "the file is empty")]
    [InlineData("version: 1\n---\nversion: 1\n", 3, "(root)", "more than one YAML document")]
    public void Each_problem_names_its_line_and_key(string text, int line, string key, string problem)
    {
        var error = Assert.Throws<PolicyFileException>(() => PolicyFileReader.Read(text, Source, Now));

        Assert.Equal((line, key), (error.Line, error.Key));
        Assert.Equal(Source, error.Source);
        var first = Assert.Single(error.Problems);
        Assert.Equal(first, error.Message);
        Assert.StartsWith($"{Source}:{line}: {key}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_in_docs_policy_md_is_a_valid_policy_that_sets_every_part()
    {
        var doc = File.ReadAllText(Path.Combine(AiSpm.Testing.RepositoryRoot.Path, "docs", "policy.md"));
        var start = doc.IndexOf("```yaml\n", StringComparison.Ordinal) + "```yaml\n".Length;
        var yaml = doc[start..doc.IndexOf("```", start, StringComparison.Ordinal)];

        var policy = PolicyFileReader.Read(yaml, "docs/policy.md", new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

        Assert.Equal(["AISPM-1004"], policy.EnabledRules);
        Assert.Equal(["AISPM-1153"], policy.DisabledRules);
        Assert.Equal(Severity.Low, Assert.Single(policy.SeverityOverrides).Severity);
        Assert.Equal(180, policy.Settings.SecretMaxLifetimeDays);
        Assert.Equal("env", Assert.Single(policy.Exemptions).Tag!.Value.Key);
        Assert.Equal(2, policy.SanctionedApps.Count);
        Assert.Single(policy.KnownBots);
    }

    [Fact]
    public void An_expired_exemption_is_read_and_no_longer_applies()
    {
        var policy = PolicyFileReader.Read("version: 1\nexemptions:\n  - id: EX-OLD\n    rules: [AISPM-1001]\n    scope: { resourceGroup: rg-sandbox }\n    justification: Sandbox\n    owner: platform\n    expires: 2026-01-31\n", Source, Now);

        var exemption = Assert.Single(policy.Exemptions);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 0, 0, 0, TimeSpan.Zero), exemption.ExpiresAt);
        Assert.False(exemption.Covers("AISPM-1001", new AiSpm.Core.Policy.ExemptionTarget("/subscriptions/s/resourceGroups/rg-sandbox/providers/Microsoft.CognitiveServices/accounts/a", new Dictionary<string, string>()), Now));
    }

    [Theory]
    [InlineData(9, "    expires: 2029-06-16", 9, "exemptions[0].expires", "2029-06-16 is more than 3 years ahead (latest 2029-06-15)")]
    [InlineData(9, "    expires: next quarter", 9, "exemptions[0].expires", "must be a date (2027-03-31) or an ISO 8601 date-time")]
    [InlineData(9, "    expires: 2027-02-30", 9, "exemptions[0].expires", "must be a date")]
    [InlineData(9, null, 3, "exemptions[0].expires", "is required")]
    [InlineData(8, null, 3, "exemptions[0].owner", "is required")]
    [InlineData(7, "    justification: ", 7, "exemptions[0].justification", "must not be empty")]
    [InlineData(3, "  - id: \"  \"", 3, "exemptions[0].id", "must not be empty")]
    [InlineData(4, "    rules: []", 4, "exemptions[0].rules", "must list at least one rule id")]
    [InlineData(4, "    rules: [AISPM-1001, AISPM-1x]", 4, "exemptions[0].rules[1]", "unknown rule id 'AISPM-1x'")]
    [InlineData(6, "      # no condition", 5, "exemptions[0].scope", "needs at least one of subscription, resourceGroup, resource, tag, appId")]
    [InlineData(6, "      tags: env=sandbox", 6, "exemptions[0].scope.tags", "unknown key; expected one of subscription")]
    [InlineData(6, "      tag: sandbox", 6, "exemptions[0].scope.tag", "must be \"key=value\", not 'sandbox'")]
    [InlineData(6, "      subscription: contoso-prod", 6, "exemptions[0].scope.subscription", "must be a subscription id, a GUID")]
    [InlineData(6, "      appId: 12345", 6, "exemptions[0].scope.appId", "must be an application (client) id, a GUID")]
    [InlineData(8, "    owner: platform\n    expiry: 2027-01-01", 9, "exemptions[0].expiry", "unknown key; expected one of id, rules, scope, justification, owner, expires")]
    public void Each_exemption_problem_names_its_line_and_key(int replacedLine, string? replacement, int line, string key, string problem)
    {
        var lines = OneExemption.ToList();
        if (replacement is null)
        {
            lines.RemoveAt(replacedLine - 1);
        }
        else
        {
            lines[replacedLine - 1] = replacement;
        }

        var error = Assert.Throws<PolicyFileException>(() => PolicyFileReader.Read(string.Join('\n', lines), Source, Now));

        Assert.Equal((line, key), (error.Line, error.Key));
        Assert.StartsWith($"{Source}:{line}: {key}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
        Assert.Single(error.Problems);
    }

    [Fact]
    public void The_unchanged_exemption_template_is_valid()
    {
        var policy = PolicyFileReader.Read(string.Join('\n', OneExemption), Source, Now);

        Assert.Equal("EX-001", Assert.Single(policy.Exemptions).Id);
    }

    [Fact]
    public void A_second_exemption_with_the_same_id_is_named_with_the_line_of_the_first()
    {
        var text = string.Join('\n', OneExemption) + "\n" + string.Join('\n', OneExemption.Skip(2)).Replace("EX-001", "ex-001", StringComparison.Ordinal);

        var error = Assert.Throws<PolicyFileException>(() => PolicyFileReader.Read(text, Source, Now));

        Assert.Equal((10, "exemptions[1].id"), (error.Line, error.Key));
        Assert.Equal($"{Source}:10: exemptions[1].id: duplicate exemption id 'ex-001' (first used on line 3); ids must be unique", error.Message);
    }

    [Fact]
    public void Every_problem_is_listed_on_its_own_line_in_file_order_and_the_first_gives_line_and_key()
    {
        const string text = """
            version: 1
            baseline: AiSpm.Lenient
            rules:
              enable: [AISPM-9999]
            colour: blue
            exemptions:
              - id: EX-001
                rules: [AISPM-1001]
                scope: { tag: env=sandbox }
                justification: Sandbox
                owner: platform
                expires: 2026-01-31
            """;

        var error = Assert.Throws<PolicyFileException>(() => PolicyFileReader.Read(text, Source, Now));

        Assert.Equal((2, "baseline"), (error.Line, error.Key));
        Assert.Equal(
            [
                $"{Source}:2: baseline: unknown baseline 'AiSpm.Lenient'; expected one of AiSpm.Default, AiSpm.Strict, AiSpm.NISTAIRMF, AiSpm.ISO42001, AiSpm.EUAIAct, AiSpm.OWASPLLM, AiSpm.MITREATLAS",
                $"{Source}:4: rules.enable[0]: unknown rule id 'AISPM-9999' (see 'aispm rules list')",
                $"{Source}:5: colour: unknown key; expected one of version, baseline, rules, settings, exemptions, sanctionedApps, knownBots",
            ],
            error.Problems);
        Assert.Equal(string.Join('\n', error.Problems), error.Message);
    }

    [Theory]
    [InlineData("version: 1\nrules:\n\tenable: [AISPM-1004]\n", 3)]
    [InlineData("version: 1\nbaseline: \"AiSpm.Default\nrules: {}\n", 2)]
    [InlineData("version: 1\nrules:\n  enable: [AISPM-1004\n  disable: []\n", 4)]
    [InlineData("version: 1\nbaseline: AiSpm.Default\nversion: 1\n", 3)]
    public void Malformed_yaml_is_one_problem_with_the_parsers_line(string text, int line)
    {
        var error = Assert.Throws<PolicyFileException>(() => PolicyFileReader.Read(text, Source, Now));

        Assert.Equal((line, "(yaml)"), (error.Line, error.Key));
        Assert.StartsWith($"{Source}:{line}: (yaml): not valid YAML: ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Idx:", error.Message, StringComparison.Ordinal);
        Assert.Single(error.Problems);
    }

    [Fact]
    public void A_file_is_read_with_its_path_as_the_source_and_a_missing_one_is_not_found()
    {
        var directory = Directory.CreateTempSubdirectory("aispm-policy-");
        try
        {
            var path = Path.Combine(directory.FullName, "policy.yaml");
            File.WriteAllText(path, "version: 1\nbaseline: AiSpm.Strict\n");

            var policy = PolicyFileReader.ReadFile(path, Now);

            Assert.Equal((path, Baselines.Strict), (policy.Source, policy.Baseline));
            Assert.Throws<FileNotFoundException>(() => PolicyFileReader.ReadFile(Path.Combine(directory.FullName, "missing.yaml"), Now));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
