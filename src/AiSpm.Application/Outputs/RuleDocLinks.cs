namespace AiSpm.Application.Outputs;

/// <summary>
/// Where a rule's documentation page is: always its path in the repository (<c>docs/rules/ID.md</c>) and, when the
/// installation names where those pages are published (<c>AISPM_RULE_DOCS_URL</c> or <c>--rule-docs-url</c>), an
/// absolute URL as well. SARIF's <c>helpUri</c> must be absolute, so it is written only when a URL is known.
/// </summary>
public sealed class RuleDocLinks
{
    /// <summary>The setting (and environment variable) naming the published folder of rule pages.</summary>
    public const string Setting = Configuration.AppSettingNames.RuleDocsUrl;

    private RuleDocLinks(Uri? baseUrl) => BaseUrl = baseUrl;

    /// <summary>Repository paths only.</summary>
    public static RuleDocLinks PathsOnly { get; } = new(null);

    /// <summary>The folder the rule pages are published in, ending with a slash; null when unknown.</summary>
    public Uri? BaseUrl { get; }

    /// <summary>
    /// Links under <paramref name="value"/>, an absolute http(s) URL of the folder holding <c>AISPM-xxxx.md</c>
    /// (e.g. the <c>docs/rules/</c> folder of the repository on its web host); <see cref="PathsOnly"/> when empty.
    /// </summary>
    /// <exception cref="FormatException">The value is not an absolute http or https URL.</exception>
    public static RuleDocLinks Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return PathsOnly;
        }

        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment))
        {
            throw new FormatException($"The rule docs URL must be an absolute http(s) URL of the folder holding the rule pages, without query or fragment; got '{value}'.");
        }

        return new RuleDocLinks(uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/"));
    }

    /// <summary>The page's absolute URL, or null when no published location is configured.</summary>
    public Uri? UrlOf(string ruleId)
    {
        ArgumentException.ThrowIfNullOrEmpty(ruleId);
        return BaseUrl is null ? null : new Uri(BaseUrl, Uri.EscapeDataString(ruleId) + ".md");
    }

    /// <summary>The absolute URL when known, else the repository path.</summary>
    public string LinkOf(string ruleId) => UrlOf(ruleId)?.AbsoluteUri ?? ProductInfo.RuleDocPath(ruleId);
}
