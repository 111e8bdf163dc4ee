using System.Reflection;
using AiSpm.Core.Policy;

namespace AiSpm.Core.Rules;

/// <summary>
/// Every rule AiSpm ships, found by reflection over this assembly (each concrete <see cref="IRule"/> with a
/// public parameterless constructor), and the engine that runs them: a rule that throws on a snapshot yields an
/// Error result naming it, and the other rules still run. Under a <see cref="ScanPolicy"/> (<see cref="WithPolicy"/>)
/// only the rules the policy evaluates run, and every result passes through the policy (sanctioned apps, severity
/// overrides, exemptions).
/// </summary>
public sealed class RuleCatalog
{
    private RuleCatalog(IReadOnlyList<IRule> rules, ScanPolicy? policy)
    {
        Rules = rules;
        Policy = policy;
        Evaluated = policy is null ? rules : rules.Where(r => policy.Evaluates(r.Descriptor)).ToList();
    }

    /// <summary>The built-in catalogue, without a policy: every rule runs as shipped (what rule tests and docs use).</summary>
    public static RuleCatalog BuiltIn { get; } = new(Discover(), null);

    /// <summary>The built-in catalogue under <see cref="ScanPolicy.Default"/>: what a scan runs without a policy file.</summary>
    public static RuleCatalog Default { get; } = BuiltIn.WithPolicy(ScanPolicy.Default);

    /// <summary>Every rule of the catalogue, ordered by id, whether the policy evaluates it or not.</summary>
    public IReadOnlyList<IRule> Rules { get; }

    /// <summary>The policy results pass through, or null (every rule, no policy).</summary>
    public ScanPolicy? Policy { get; }

    /// <summary>The rules <see cref="Evaluate(PostureSnapshot)"/> runs: those the policy evaluates (every rule without a policy).</summary>
    public IReadOnlyList<IRule> Evaluated { get; }

    /// <summary>The same rules under a policy.</summary>
    public RuleCatalog WithPolicy(ScanPolicy policy) => new(Rules, policy ?? throw new ArgumentNullException(nameof(policy)));

    /// <summary>A rule by id, or null.</summary>
    public IRule? Find(string id) => Rules.FirstOrDefault(r => string.Equals(r.Descriptor.Id, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>Runs every rule over the snapshot.</summary>
    public IReadOnlyList<RuleResult> Evaluate(PostureSnapshot snapshot)
    {
        var results = new List<RuleResult>();
        Evaluate(snapshot, results.Add);
        return results;
    }

    /// <summary>
    /// Evaluates every rule and hands each result to <paramref name="each"/> as it is produced, so a caller that keeps
    /// only some results (a scan keeps the failures) never holds them all; a rule that throws yields an Error result.
    /// </summary>
    /// <param name="snapshot">What the rules look at.</param>
    /// <param name="each">Gets every result.</param>
    /// <param name="include">Only the rules it accepts run (null: every rule), e.g. the path rules at a run's close.</param>
    public void Evaluate(PostureSnapshot snapshot, Action<RuleResult> each, Func<IRule, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(each);
        PolicyTargets? targets = null;
        if (Policy is not null)
        {
            snapshot = snapshot with { Policy = Policy };
            targets = new PolicyTargets(snapshot);
        }

        foreach (var rule in include is null ? Evaluated : Evaluated.Where(include))
        {
            try
            {
                foreach (var result in rule.Evaluate(snapshot))
                {
                    each(Policy is null ? result : Policy.Apply(result, targets!, snapshot.EvaluatedAt));
                }
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                each(new RuleResult(rule.Descriptor, "aispm:/rules/" + rule.Descriptor.Id, RuleOutcome.Error,
                    $"Rule {rule.Descriptor.Id} failed: {ex.GetType().Name}: {ex.Message}", null, new Dictionary<string, string>()));
            }
        }
    }

    private static List<IRule> Discover() => typeof(RuleCatalog).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IRule).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (IRule)Activator.CreateInstance(t)!)
        .OrderBy(r => r.Descriptor.Id, StringComparer.Ordinal)
        .ToList();
}
