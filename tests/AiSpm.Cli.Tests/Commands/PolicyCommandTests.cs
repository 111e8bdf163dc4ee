using System.Globalization;
using System.Text.Json;
using AiSpm.Application.Policy;
using AiSpm.Cli.Commands;
using AiSpm.Core.Rules;
using AiSpm.Testing;

namespace AiSpm.Cli.Tests.Commands;

/// <summary><c>aispm policy validate</c> and <c>aispm policy show</c>, run in-process on policy files in a temporary folder.</summary>
public sealed class PolicyCommandTests : IDisposable
{
    private static readonly string Expires = DateTimeOffset.UtcNow.AddYears(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private readonly DirectoryInfo _work = Directory.CreateTempSubdirectory("aispm-policy-cli-");

    private string Good => Write("good.yaml", $$"""
        version: 1
        rules:
          enable: [AISPM-1004]
          disable: [AISPM-1153]
          severity:
            AISPM-1007: { level: Low, reason: "Private endpoints are a 2027 program" }
        settings:
          secretMaxLifetimeDays: 180
        exemptions:
          - id: EX-001
            rules: [AISPM-1001]
            scope:
              tag: env=sandbox
            justification: Sandbox subscriptions hold no customer data
            owner: platform-team@contoso.com
            expires: {{Expires}}
        sanctionedApps:
          - publisherId: "1234567"
            reason: Approved vendor
        """);

    public void Dispose() => _work.Delete(recursive: true);

    [Fact]
    public async Task Validate_lists_every_problem_with_file_line_and_key_and_exits_2()
    {
        var path = Write("bad.yaml", "version: 1\nrules:\n  disabled: [AISPM-1153]\nexemptions:\n  - id: EX-001\n    rules: [AISPM-1001]\n    scope: { tag: env=sandbox }\n    justification: Sandbox\n    owner: platform\n    expires: 2020-01-31\n");

        var (exitCode, output, error) = await CliRunner.RunAsync("policy", "validate", path);

        Assert.Equal(ExitCodes.ConfigurationError, exitCode);
        Assert.Equal(string.Empty, output);
        Assert.Equal(
            [$"aispm: {path}:3: rules.disabled: unknown key; expected one of enable, disable, severity"],
            Lines(error));
    }

    [Fact]
    public async Task Validate_warns_about_an_expired_exemption_and_still_exits_0()
    {
        var path = Write("expired.yaml", "version: 1\nexemptions:\n  - id: EX-OLD\n    rules: [AISPM-1001]\n    scope: { tag: env=sandbox }\n    justification: Sandbox\n    owner: platform\n    expires: 2020-01-31\n");

        var (exitCode, output, error) = await CliRunner.RunAsync("policy", "validate", path);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("valid", output, StringComparison.Ordinal);
        Assert.Equal([$"aispm: warning: {path}: exemption EX-OLD expired on 2020-01-31: its findings are open again; remove it or renew it"], Lines(error));
    }

    [Fact]
    public async Task Validate_gives_the_parsers_line_for_malformed_yaml()
    {
        var path = Write("tabs.yaml", "version: 1\nrules:\n\tenable: [AISPM-1004]\n");

        var (exitCode, _, error) = await CliRunner.RunAsync("policy", "validate", path);

        Assert.Equal(ExitCodes.ConfigurationError, exitCode);
        Assert.StartsWith($"aispm: {path}:3: (yaml): not valid YAML: ", Assert.Single(Lines(error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_a_good_file_says_what_it_evaluates_and_exits_0()
    {
        var path = Good;
        // The default baseline leaves out the 'if required' rules; the file adds AISPM-1004 (one of them) and drops AISPM-1153.
        var evaluated = RuleCatalog.BuiltIn.Rules.Count(r => !r.Descriptor.IfRequired) + 1 - 1;

        var (exitCode, output, error) = await CliRunner.RunAsync("policy", "validate", path);

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(string.Empty, error);
        Assert.Equal($"{path}: valid (baseline AiSpm.Default 2026.12, {evaluated} rules evaluated, 1 exemptions, 1 sanctioned apps)", output.Trim());
    }

    [Fact]
    public async Task Validate_and_show_name_a_missing_file_and_exit_2()
    {
        var path = Path.Combine(_work.FullName, "missing.yaml");

        var (validated, _, validateError) = await CliRunner.RunAsync("policy", "validate", path);
        var (shown, _, showError) = await CliRunner.RunAsync("policy", "show", "--policy", path);

        Assert.Equal((ExitCodes.ConfigurationError, ExitCodes.ConfigurationError), (validated, shown));
        Assert.Equal($"aispm: {path}: no such policy file", validateError.Trim());
        Assert.Equal($"aispm: {path}: no such policy file", showError.Trim());
    }

    [Fact]
    public async Task Show_json_gives_each_rule_with_whether_and_why_it_is_evaluated_and_its_severity()
    {
        var path = Good;

        var (exitCode, output, error) = await CliRunner.RunAsync("policy", "show", "--policy", path, "--json");

        Assert.Equal((ExitCodes.Success, string.Empty), (exitCode, error));
        var document = JsonDocument.Parse(output).RootElement;
        DocumentedContract.AssertJsonShape("aispm policy show --json", [document]);
        Assert.Equal(("AiSpm.Default", "2026.12", path), (document.GetProperty("baseline").GetString(), document.GetProperty("version").GetString(), document.GetProperty("source").GetString()));
        Assert.Equal(PolicyFileReader.ReadFile(path, DateTimeOffset.UtcNow).Digest(), document.GetProperty("digest").GetString());
        var rules = document.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("id").GetString()!);
        Assert.Equal(RuleCatalog.BuiltIn.Rules.Select(r => r.Descriptor.Id), rules.Keys);
        Assert.Equal((true, "enabled by policy"), Evaluation(rules["AISPM-1004"]));
        Assert.Equal((false, "disabled by policy"), Evaluation(rules["AISPM-1153"]));
        Assert.Equal((true, "baseline"), Evaluation(rules["AISPM-1001"]));
        Assert.All(RuleCatalog.BuiltIn.Rules.Where(r => r.Descriptor.IfRequired && r.Descriptor.Id != "AISPM-1004"), r => Assert.Equal((false, "not in baseline"), Evaluation(rules[r.Descriptor.Id])));
        var overridden = rules["AISPM-1007"];
        Assert.Equal("Low", overridden.GetProperty("severity").GetString());
        Assert.Equal("Private endpoints are a 2027 program", overridden.GetProperty("severityOverride").GetProperty("reason").GetString());
        Assert.Equal(RuleCatalog.BuiltIn.Find("AISPM-1007")!.Descriptor.Severity.ToString(), overridden.GetProperty("severityOverride").GetProperty("from").GetString());
        Assert.Equal(JsonValueKind.Null, rules["AISPM-1001"].GetProperty("severityOverride").ValueKind);
        Assert.Equal((180, 30), (document.GetProperty("settings").GetProperty("secretMaxLifetimeDays").GetInt32(), document.GetProperty("settings").GetProperty("secretExpiryWarningDays").GetInt32()));
        var exemption = Assert.Single(document.GetProperty("exemptions").EnumerateArray().ToList());
        Assert.Equal(("EX-001", "env=sandbox"), (exemption.GetProperty("id").GetString(), exemption.GetProperty("scope").GetProperty("tag").GetString()));
        Assert.Equal("1234567", Assert.Single(document.GetProperty("sanctionedApps").EnumerateArray().ToList()).GetProperty("publisherId").GetString());
        Assert.Empty(document.GetProperty("knownBots").EnumerateArray());
    }

    [Fact]
    public async Task Show_without_a_policy_is_the_default_baseline_where_AISPM_1004_is_not_in_the_baseline()
    {
        var (jsonExit, json, _) = await CliRunner.RunAsync("policy", "show", "--json");
        var (tableExit, table, _) = await CliRunner.RunAsync("policy", "show");

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (jsonExit, tableExit));
        var document = JsonDocument.Parse(json).RootElement;
        Assert.Equal(("AiSpm.Default", "built-in"), (document.GetProperty("baseline").GetString(), document.GetProperty("source").GetString()));
        var rule = document.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("id").GetString() == "AISPM-1004");
        Assert.Equal((false, "not in baseline"), Evaluation(rule));
        var row = Assert.Single(table.Split('\n'), line => line.Contains("AISPM-1004", StringComparison.Ordinal));
        Assert.Contains(" no ", row, StringComparison.Ordinal);
        Assert.Contains("not in baseline", row, StringComparison.Ordinal);
        var evaluated = RuleCatalog.BuiltIn.Rules.Count(r => !r.Descriptor.IfRequired);
        Assert.Contains($"{evaluated} of {RuleCatalog.BuiltIn.Rules.Count} rules evaluated", table, StringComparison.Ordinal);
    }

    private static (bool Evaluated, string? Reason) Evaluation(JsonElement rule) =>
        (rule.GetProperty("evaluated").GetBoolean(), rule.GetProperty("reason").GetString());

    private static List<string> Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    private string Write(string name, string text)
    {
        var path = Path.Combine(_work.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }
}
