using AiSpm.Application.Configuration;
using System.CommandLine;
using System.Text.Json;
using AiSpm.Application.Policy;
using AiSpm.Core.Policy;
using AiSpm.Core.Rules;
using Spectre.Console;

namespace AiSpm.Cli.Commands;

/// <summary>
/// <c>aispm policy validate FILE</c>: checks a policy file and lists every problem with its line and key;
/// <c>aispm policy show [--policy FILE] [--json]</c>: the rules a policy evaluates, why, and at which severity.
/// </summary>
internal static class PolicyCommand
{
    private static readonly JsonSerializerOptions Indented = new(CliJson.Options) { WriteIndented = true };

    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The policy file (YAML, or JSON)." };
        var validate = new Command("validate", "Check a policy file: every problem is listed with its line and key; exit 2 if there is one.") { file };
        validate.SetAction(parseResult => Validate(parseResult, parseResult.GetValue(file)!));

        var policyFile = new Option<string>("--policy") { Description = "The policy file to show (default: $AISPM_POLICY, else the built-in policy, baseline AiSpm.Default)." };
        var json = new Option<bool>("--json") { Description = "Print JSON (baseline, settings, rules, exemptions, sanctioned apps, known bots) instead of a table." };
        var show = new Command("show", "Show the effective rules of a policy: whether each is evaluated and why, and its severity.") { policyFile, json };
        show.SetAction(parseResult => Show(parseResult, parseResult.GetValue(policyFile) ?? NonEmpty(Environment.GetEnvironmentVariable(AppSettingNames.Policy)), parseResult.GetValue(json)));

        return new Command("policy", "Policy files: baselines, rules enabled or disabled, severity overrides, settings and exemptions.") { validate, show };
    }

    private static int Validate(ParseResult parseResult, string path)
    {
        var cli = CliContext.From(parseResult);
        if (Load(cli, path) is not { } policy)
        {
            return ExitCodes.ConfigurationError;
        }

        var evaluated = RuleCatalog.BuiltIn.Rules.Count(r => policy.Evaluates(r.Descriptor));
        var now = DateTimeOffset.UtcNow;
        foreach (var expired in policy.Exemptions.Where(e => e.ExpiresAt <= now))
        {
            // Not an error: a deployed policy with an expired exemption still loads; the exemption just no longer applies.
            cli.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"aispm: warning: {path}: exemption {expired.Id} expired on {expired.ExpiresAt:yyyy-MM-dd}: its findings are open again; remove it or renew it"));
        }

        cli.Console.WriteLine($"{path}: valid (baseline {policy.Baseline}, {evaluated} rules evaluated, {policy.Exemptions.Count} exemptions, {policy.SanctionedApps.Count} sanctioned apps)");
        return ExitCodes.Success;
    }

    private static int Show(ParseResult parseResult, string? path, bool asJson)
    {
        var cli = CliContext.From(parseResult);
        var policy = path is null ? ScanPolicy.Default : Load(cli, path);
        if (policy is null)
        {
            return ExitCodes.ConfigurationError;
        }

        var rules = RuleCatalog.BuiltIn.Rules.Select(r => r.Descriptor).Select(d => (Rule: d, Evaluated: policy.Evaluates(d), Reason: Reason(policy, d), Override: policy.OverrideOf(d.Id))).ToList();
        if (asJson)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(new
            {
                baseline = policy.Baseline.Name,
                version = policy.Baseline.Version,
                source = policy.Source,
                digest = policy.Digest(),
                settings = policy.Settings,
                rules = rules.Select(r => new
                {
                    id = r.Rule.Id,
                    name = r.Rule.Name,
                    evaluated = r.Evaluated,
                    reason = r.Reason,
                    severity = (r.Override?.Severity ?? r.Rule.Severity).ToString(),
                    severityOverride = r.Override is { } o ? new { from = r.Rule.Severity.ToString(), reason = o.Reason } : null,
                }),
                exemptions = policy.Exemptions.Select(e => new
                {
                    id = e.Id,
                    rules = e.Rules,
                    scope = new { subscription = e.Subscription, resourceGroup = e.ResourceGroup, resource = e.Resource, tag = e.Tag is { } tag ? $"{tag.Key}={tag.Value}" : null, appId = e.AppId },
                    justification = e.Justification,
                    owner = e.Owner,
                    expires = e.ExpiresAt,
                }),
                sanctionedApps = policy.SanctionedApps,
                knownBots = policy.KnownBots,
            }, Indented));
            return ExitCodes.Success;
        }

        var console = cli.Console;
        console.WriteLine($"Policy {policy.Source}: baseline {policy.Baseline}");
        console.WriteLine(policy.Baseline.Description);
        var table = new Table().AddColumn("Id").AddColumn("Name").AddColumn("Evaluated").AddColumn("Why").AddColumn("Severity");
        foreach (var (rule, evaluated, reason, severityOverride) in rules)
        {
            var severity = severityOverride is null ? rule.Severity.ToString() : $"{severityOverride.Severity} (override of {rule.Severity}: {severityOverride.Reason})";
            table.AddRow(Markup.Escape(rule.Id), Markup.Escape(rule.Name), evaluated ? "yes" : "no", reason, Markup.Escape(severity));
        }

        console.Write(table);
        console.WriteLine($"{rules.Count(r => r.Evaluated)} of {rules.Count} rules evaluated; {policy.Exemptions.Count} exemptions, {policy.SanctionedApps.Count} sanctioned apps, {policy.KnownBots.Count} known bots.");
        return ExitCodes.Success;
    }

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    // Why a rule is or is not evaluated: the policy's own lists first, then the baseline.
    private static string Reason(ScanPolicy policy, RuleDescriptor rule) =>
        policy.DisabledRules.Contains(rule.Id, StringComparer.OrdinalIgnoreCase) ? "disabled by policy"
        : policy.Baseline.Includes(rule) ? "baseline"
        : policy.EnabledRules.Contains(rule.Id, StringComparer.OrdinalIgnoreCase) ? "enabled by policy"
        : "not in baseline";

    // The policy in the file, or null after writing each problem (or why the file cannot be read) to standard error.
    private static ScanPolicy? Load(CliContext cli, string path)
    {
        try
        {
            return PolicyFileReader.ReadFile(path, DateTimeOffset.UtcNow);
        }
        catch (PolicyFileException e)
        {
            foreach (var problem in e.Problems)
            {
                cli.Error.WriteLine($"aispm: {problem}");
            }
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            cli.Error.WriteLine($"aispm: {path}: no such policy file");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            cli.Error.WriteLine($"aispm: {path}: cannot read the policy file: {e.Message}");
        }

        return null;
    }
}
