using System.Reflection;

namespace AiSpm.Core.Rules;

/// <summary>
/// Every rule AiSpm ships, found by reflection over this assembly (each concrete <see cref="IRule"/> with a
/// public parameterless constructor), and the engine that runs them: a rule that throws on a snapshot yields an
/// Error result naming it, and the other rules still run.
/// </summary>
public sealed class RuleCatalog
{
    private RuleCatalog(IReadOnlyList<IRule> rules) => Rules = rules;

    /// <summary>The built-in catalogue.</summary>
    public static RuleCatalog BuiltIn { get; } = new(Discover());

    /// <summary>The rules, ordered by id.</summary>
    public IReadOnlyList<IRule> Rules { get; }

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
        ArgumentNullException.ThrowIfNull(each);
        foreach (var rule in include is null ? Rules : Rules.Where(include))
        {
            try
            {
                foreach (var result in rule.Evaluate(snapshot))
                {
                    each(result);
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
