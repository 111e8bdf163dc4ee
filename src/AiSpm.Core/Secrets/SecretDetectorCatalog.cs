using System.Text.RegularExpressions;

namespace AiSpm.Core.Secrets;

/// <summary>
/// Every built-in detector. Structured formats (fixed prefix or signature, exact length) come first and are High
/// confidence; the legacy 32-hex Azure keys, which have no signature, match only with supporting context and are
/// Medium. When two detectors claim overlapping text the earlier one in <see cref="All"/> wins.
/// </summary>
public static partial class SecretDetectorCatalog
{
    // Boundaries: a credential is never the middle of a longer token.
    private const string Before = "(?<![A-Za-z0-9_-])";
    private const string After = "(?![A-Za-z0-9_-])";
    private const string BeforeB64 = "(?<![A-Za-z0-9+/_-])";
    private const string AfterB64 = "(?![A-Za-z0-9+/=_-])";
    private const RegexOptions Options = RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture;
    private const int TimeoutMs = 1000;

    private const string OpenAISegment = "(?:[A-Za-z0-9_-]{74}|[A-Za-z0-9_-]{58})";
    private const string CaskKey =
        "(?<body>[A-Za-z0-9]{52})JQQJ99[A-Za-z0-9][A-L][A-Za-z0-9]{12}AAA";

    /// <summary>All built-in detectors, structured formats first.</summary>
    public static IReadOnlyList<ISecretDetector> All { get; } = Create();

    /// <summary>The detector with <paramref name="id"/>, or null.</summary>
    public static ISecretDetector? Find(string id) =>
        All.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.OrdinalIgnoreCase));

    private static List<ISecretDetector> Create()
    {
        var aiRule = new KeyContextRule(AzureEndpointFamily.CognitiveServices, CognitiveKeyName());
        var searchRule = new KeyContextRule(AzureEndpointFamily.Search);
        const string aiContext = "an *.openai.azure.com / *.cognitiveservices.azure.com / *.services.ai.azure.com endpoint plus a key-like name, or a name like *OPENAI*KEY* / *COGNITIVE*KEY*";
        return
        [
            Structured("openai-project-key", SecretProvider.OpenAI, "project-key", "sk-proj- + 74|58 + T3BlbkFJ + 74|58 (base64url)", OpenAIProject(), "T3BlbkFJ"),
            Structured("openai-service-account-key", SecretProvider.OpenAI, "service-account-key", "sk-svcacct- + 74|58 + T3BlbkFJ + 74|58 (base64url)", OpenAIServiceAccount(), "T3BlbkFJ"),
            Structured("openai-admin-key", SecretProvider.OpenAI, "admin-key", "sk-admin- + 74|58 + T3BlbkFJ + 74|58 (base64url)", OpenAIAdmin(), "T3BlbkFJ"),
            Structured("openai-legacy-key", SecretProvider.OpenAI, "user-key", "sk- + 20 + T3BlbkFJ + 20 (alphanumeric)", OpenAILegacy(), "T3BlbkFJ"),
            Structured("anthropic-api-key", SecretProvider.Anthropic, "api-key", "sk-ant-api03- + 93 (base64url) + AA", AnthropicApi(), "sk-ant-api03-"),
            Structured("anthropic-admin-key", SecretProvider.Anthropic, "admin-key", "sk-ant-admin01- + 93 (base64url) + AA", AnthropicAdmin(), "sk-ant-admin01-"),
            Structured("huggingface-access-token", SecretProvider.HuggingFace, "access-token", "hf_ + 34 letters", HuggingFaceToken(), "hf_"),
            Structured("huggingface-org-token", SecretProvider.HuggingFace, "organization-token", "api_org_ + 34 letters", HuggingFaceOrg(), "api_org_"),
            Structured("google-api-key", SecretProvider.Google, "api-key", "AIza + 35 (base64url); any Google API key, Gemini included", GoogleApiKey(), "AIza"),
            Structured("groq-api-key", SecretProvider.Groq, "api-key", "gsk_ + 52 alphanumeric", GroqKey(), "gsk_"),
            Structured("replicate-api-token", SecretProvider.Replicate, "api-token", "r8_ + 37 (base64url)", ReplicateToken(), "r8_"),
            Structured("xai-api-key", SecretProvider.XAI, "api-key", "xai- + 80 (alphanumeric or _)", XaiKey(), "xai-"),
            Structured("openrouter-api-key", SecretProvider.OpenRouter, "api-key", "sk-or-v1- + 64 lower-case hex", OpenRouterKey(), "sk-or-v1-"),
            Structured("perplexity-api-key", SecretProvider.Perplexity, "api-key", "pplx- + 48 alphanumeric", PerplexityKey(), "pplx-"),
            Structured("azure-openai-key", SecretProvider.AzureOpenAI, "account-key", "84 alphanumeric: 52 + JQQJ99 + 1 + [A-L] + 12 + AAABACOG + 4", AzureOpenAIKey(), "JQQJ99", AzureEndpointFamily.CognitiveServices),
            Structured("azure-ai-services-key", SecretProvider.AzureAIServices, "account-key", "84 alphanumeric: 52 + JQQJ99 + 1 + [A-L] + 12 + AAAAACOG + 4", AzureAIServicesKey(), "JQQJ99", AzureEndpointFamily.CognitiveServices),
            Structured("azure-cognitive-services-key", SecretProvider.AzureCognitiveServices, "account-key", "84 alphanumeric: 52 + JQQJ99 + 1 + [A-L] + 12 + AAA?ACOG (other service code) + 4", AzureCognitiveServicesKey(), "JQQJ99", AzureEndpointFamily.CognitiveServices),
            Structured("azure-search-key", SecretProvider.AzureAISearch, "api-key", "52 alphanumeric: 42 + AzSe + [A-D] + 5 (admin or query key)", AzureSearchKey(), "AzSe", AzureEndpointFamily.Search),
            Structured("entra-client-secret", SecretProvider.MicrosoftEntra, "client-secret", "3 + a digit (the secret format version) + Q~ + 31-34 of [A-Za-z0-9~._-]", EntraClientSecret(), "Q~"),
            new PatternSecretDetector
            {
                Id = "azure-ai-legacy-key",
                Provider = SecretProvider.AzureAIServices,
                Kind = "legacy-account-key",
                Confidence = SecretConfidence.Medium,
                Format = "32 lower-case hex",
                Pattern = LowerHex32(),
                EndpointFamily = AzureEndpointFamily.CognitiveServices,
                ContextRule = aiRule,
                ContextNeeded = aiContext,
            },
            new PatternSecretDetector
            {
                Id = "azure-search-legacy-key",
                Provider = SecretProvider.AzureAISearch,
                Kind = "legacy-api-key",
                Confidence = SecretConfidence.Medium,
                Format = "32 upper-case hex",
                Pattern = UpperHex32(),
                EndpointFamily = AzureEndpointFamily.Search,
                ContextRule = searchRule,
                ContextNeeded = "a *.search.windows.net endpoint plus a key-like name",
            },
        ];
    }

    private static PatternSecretDetector Structured(
        string id, SecretProvider provider, string kind, string format, Regex pattern, string keyword, AzureEndpointFamily? family = null) =>
        new()
        {
            Id = id,
            Provider = provider,
            Kind = kind,
            Confidence = SecretConfidence.High,
            Format = format,
            Pattern = pattern,
            Keyword = keyword,
            EndpointFamily = family,
        };

    [GeneratedRegex(Before + "sk-proj-(?<body>" + OpenAISegment + ")T3BlbkFJ" + OpenAISegment + After, Options, TimeoutMs)]
    private static partial Regex OpenAIProject();

    [GeneratedRegex(Before + "sk-svcacct-(?<body>" + OpenAISegment + ")T3BlbkFJ" + OpenAISegment + After, Options, TimeoutMs)]
    private static partial Regex OpenAIServiceAccount();

    [GeneratedRegex(Before + "sk-admin-(?<body>" + OpenAISegment + ")T3BlbkFJ" + OpenAISegment + After, Options, TimeoutMs)]
    private static partial Regex OpenAIAdmin();

    [GeneratedRegex(Before + "sk-(?<body>[A-Za-z0-9]{20})T3BlbkFJ[A-Za-z0-9]{20}" + After, Options, TimeoutMs)]
    private static partial Regex OpenAILegacy();

    [GeneratedRegex(Before + "sk-ant-api03-(?<body>[A-Za-z0-9_-]{93})AA" + After, Options, TimeoutMs)]
    private static partial Regex AnthropicApi();

    [GeneratedRegex(Before + "sk-ant-admin01-(?<body>[A-Za-z0-9_-]{93})AA" + After, Options, TimeoutMs)]
    private static partial Regex AnthropicAdmin();

    [GeneratedRegex(Before + "hf_(?<body>[A-Za-z]{34})" + After, Options, TimeoutMs)]
    private static partial Regex HuggingFaceToken();

    [GeneratedRegex(Before + "api_org_(?<body>[A-Za-z]{34})" + After, Options, TimeoutMs)]
    private static partial Regex HuggingFaceOrg();

    [GeneratedRegex(Before + "AIza(?<body>[A-Za-z0-9_-]{35})" + After, Options, TimeoutMs)]
    private static partial Regex GoogleApiKey();

    [GeneratedRegex(Before + "gsk_(?<body>[A-Za-z0-9]{52})" + After, Options, TimeoutMs)]
    private static partial Regex GroqKey();

    [GeneratedRegex(Before + "r8_(?<body>[A-Za-z0-9_-]{37})" + After, Options, TimeoutMs)]
    private static partial Regex ReplicateToken();

    [GeneratedRegex(Before + "xai-(?<body>[A-Za-z0-9_]{80})" + After, Options, TimeoutMs)]
    private static partial Regex XaiKey();

    [GeneratedRegex(Before + "sk-or-v1-(?<body>[0-9a-f]{64})" + After, Options, TimeoutMs)]
    private static partial Regex OpenRouterKey();

    [GeneratedRegex(Before + "pplx-(?<body>[A-Za-z0-9]{48})" + After, Options, TimeoutMs)]
    private static partial Regex PerplexityKey();

    [GeneratedRegex(BeforeB64 + CaskKey + "BACOG[A-Za-z0-9]{4}" + AfterB64, Options, TimeoutMs)]
    private static partial Regex AzureOpenAIKey();

    [GeneratedRegex(BeforeB64 + CaskKey + "AACOG[A-Za-z0-9]{4}" + AfterB64, Options, TimeoutMs)]
    private static partial Regex AzureAIServicesKey();

    [GeneratedRegex(BeforeB64 + CaskKey + "[C-Za-z0-9]ACOG[A-Za-z0-9]{4}" + AfterB64, Options, TimeoutMs)]
    private static partial Regex AzureCognitiveServicesKey();

    [GeneratedRegex(BeforeB64 + "(?<body>[A-Za-z0-9]{42})AzSe[A-D][A-Za-z0-9]{5}" + AfterB64, Options, TimeoutMs)]
    private static partial Regex AzureSearchKey();

    [GeneratedRegex("(?<![A-Za-z0-9~._+/-])[A-Za-z0-9~._-]{3}[0-9]Q~[A-Za-z0-9~._-]{31,34}(?![A-Za-z0-9~._+/-])", Options, TimeoutMs)]
    private static partial Regex EntraClientSecret();

    [GeneratedRegex(Before + "(?<body>[0-9a-f]{32})" + After, Options, TimeoutMs)]
    private static partial Regex LowerHex32();

    [GeneratedRegex(Before + "(?<body>[0-9A-F]{32})" + After, Options, TimeoutMs)]
    private static partial Regex UpperHex32();

    [GeneratedRegex(@"(openai|aoai|cognitive|ai[_.-]?services).*key", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeoutMs)]
    private static partial Regex CognitiveKeyName();
}
