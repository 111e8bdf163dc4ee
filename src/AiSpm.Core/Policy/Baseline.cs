using AiSpm.Core.Rules;

namespace AiSpm.Core.Policy;

/// <summary>
/// A named, versioned set of rules, like PSRule's baselines: <c>AiSpm.Default</c> (what a typical enterprise acts on),
/// <c>AiSpm.Strict</c> (every rule, including the controls Microsoft marks "enable if required") and one per framework.
/// A policy picks one and adds or removes rules from it.
/// </summary>
/// <param name="Name">The name a policy file uses (<c>AiSpm.Default</c>).</param>
/// <param name="Version">Bumped whenever the set of rules changes, so an audit entry says which set ran.</param>
/// <param name="Description">One line for <c>aispm policy show</c> and the docs.</param>
/// <param name="Includes">True for the rules the baseline evaluates.</param>
public sealed record Baseline(string Name, string Version, string Description, Func<RuleDescriptor, bool> Includes)
{
    /// <inheritdoc />
    public override string ToString() => $"{Name} {Version}";
}
