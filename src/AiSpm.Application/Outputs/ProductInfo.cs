using System.Reflection;

namespace AiSpm.Application.Outputs;

/// <summary>The product identity written into SARIF, OCSF and export manifests.</summary>
public static class ProductInfo
{
    /// <summary>Product name.</summary>
    public const string Name = "AiSpm";

    /// <summary>Vendor name.</summary>
    public const string Vendor = "AiSpm contributors";

    /// <summary>The tool version (the assembly's informational version without build metadata).</summary>
    public static string Version { get; } =
        (typeof(ProductInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>Where a rule's documentation lives, relative to the repository root.</summary>
    public static string RuleDocPath(string ruleId) => $"docs/rules/{ruleId}.md";
}
