using System.Security.Cryptography;
using AiSpm.Core.Secrets;

namespace AiSpm.Core.Tests.Secrets;

public sealed class SecretDetectorTests
{
    private static readonly byte[] _installationKey = RandomNumberGenerator.GetBytes(32);

    /// <summary>Positive cases: detector id, case name, the text scanned and the credential inside it.</summary>
    public static TheoryData<string, string, string, string> Positives()
    {
        var f = new FakeSecrets(20261122);
        var data = new TheoryData<string, string, string, string>();
        void Add(string id, string name, string value, Func<string, string> text) => data.Add(id, name, text(value), value);

        Add("openai-project-key", "env file, 74+74", f.OpenAI("sk-proj-"), v => $"OPENAI_API_KEY={v}\n");
        Add("openai-project-key", "json, 58+58", f.OpenAI("sk-proj-", 58, 58), v => $"{{ \"apiKey\": \"{v}\" }}");
        Add("openai-service-account-key", "python, 74+74", f.OpenAI("sk-svcacct-"), v => $"client = OpenAI(api_key=\"{v}\")");
        Add("openai-service-account-key", "yaml, 58+74", f.OpenAI("sk-svcacct-", 58, 74), v => $"openai:\n  key: '{v}'\n");
        Add("openai-admin-key", "header, 58+58", f.OpenAI("sk-admin-", 58, 58), v => $"Authorization: Bearer {v}");
        Add("openai-admin-key", "shell, 74+58", f.OpenAI("sk-admin-", 74, 58), v => $"export OPENAI_ADMIN_KEY={v};");
        Add("openai-legacy-key", "env file", f.OpenAILegacy(), v => $"OPENAI_API_KEY={v}");
        Add("openai-legacy-key", "c# string", f.OpenAILegacy(), v => $"var key = \"{v}\";");
        Add("anthropic-api-key", "env file", f.Anthropic(), v => $"ANTHROPIC_API_KEY={v}");
        Add("anthropic-api-key", "json", f.Anthropic(), v => $"{{\"x-api-key\":\"{v}\"}}");
        Add("anthropic-admin-key", "env file", f.Anthropic("sk-ant-admin01-"), v => $"ANTHROPIC_ADMIN_KEY={v}");
        Add("anthropic-admin-key", "toml", f.Anthropic("sk-ant-admin01-"), v => $"admin_key = \"{v}\"");
        Add("huggingface-access-token", "env file", f.Prefixed("hf_", FakeSecrets.Letters, 34), v => $"HF_TOKEN={v}");
        Add("huggingface-access-token", "cli", f.Prefixed("hf_", FakeSecrets.Letters, 34), v => $"huggingface-cli login --token {v}");
        Add("huggingface-org-token", "env file", f.Prefixed("api_org_", FakeSecrets.Letters, 34), v => $"HF_ORG_TOKEN={v}");
        Add("huggingface-org-token", "json", f.Prefixed("api_org_", FakeSecrets.Letters, 34), v => $"{{\"token\": \"{v}\"}}");
        Add("google-api-key", "env file", f.Prefixed("AIza", FakeSecrets.UrlSafe, 35), v => $"GEMINI_API_KEY={v}");
        Add("google-api-key", "url", f.Prefixed("AIzaSy", FakeSecrets.UrlSafe, 33), v => $"https://generativelanguage.googleapis.com/v1/models?key={v}&alt=json");
        Add("groq-api-key", "env file", f.Prefixed("gsk_", FakeSecrets.Alnum, 52), v => $"GROQ_API_KEY={v}");
        Add("groq-api-key", "json", f.Prefixed("gsk_", FakeSecrets.Alnum, 52), v => $"[\"{v}\"]");
        Add("replicate-api-token", "env file", f.Prefixed("r8_", FakeSecrets.UrlSafe, 37), v => $"REPLICATE_API_TOKEN={v}");
        Add("replicate-api-token", "header", f.Prefixed("r8_", FakeSecrets.Alnum, 37), v => $"Authorization: Token {v}\r\n");
        Add("xai-api-key", "env file", f.Prefixed("xai-", FakeSecrets.Alnum + "_", 80), v => $"XAI_API_KEY={v}");
        Add("xai-api-key", "json", f.Prefixed("xai-", FakeSecrets.Alnum, 80), v => $"{{\"key\":\"{v}\"}}");
        Add("openrouter-api-key", "env file", f.Prefixed("sk-or-v1-", FakeSecrets.LowerHex, 64), v => $"OPENROUTER_API_KEY={v}");
        Add("openrouter-api-key", "header", f.Prefixed("sk-or-v1-", FakeSecrets.LowerHex, 64), v => $"Authorization: Bearer {v}");
        Add("perplexity-api-key", "env file", f.Prefixed("pplx-", FakeSecrets.Alnum, 48), v => $"PERPLEXITY_API_KEY={v}");
        Add("perplexity-api-key", "json", f.Prefixed("pplx-", FakeSecrets.Alnum, 48), v => $"{{\"apiKey\": \"{v}\"}}");
        Add("azure-openai-key", "with endpoint", f.AzureCask('B'), v => $"AZURE_OPENAI_ENDPOINT=https://contoso-oai.openai.azure.com/\nAZURE_OPENAI_API_KEY={v}\n");
        Add("azure-openai-key", "alone", f.AzureCask('B', 'A'), v => $"\"key\": \"{v}\"");
        Add("azure-ai-services-key", "with endpoint", f.AzureCask('A', 'L'), v => $"endpoint = \"https://contoso-ais.cognitiveservices.azure.com/\"\nkey = \"{v}\"");
        Add("azure-ai-services-key", "alone", f.AzureCask('A'), v => $"AZURE_AI_KEY={v}");
        Add("azure-cognitive-services-key", "speech", f.AzureCask('Y'), v => $"SPEECH_KEY={v}");
        Add("azure-cognitive-services-key", "general", f.AzureCask('E'), v => $"Ocp-Apim-Subscription-Key: {v}");
        Add("azure-search-key", "with endpoint", f.AzureSearch(), v => $"SEARCH_ENDPOINT=https://contoso-srch.search.windows.net\nSEARCH_KEY={v}");
        Add("azure-search-key", "alone", f.AzureSearch(version: 'A'), v => $"api-key: {v}");
        Add("entra-client-secret", "8Q~", f.Entra(), v => $"AZURE_CLIENT_SECRET={v}");
        Add("entra-client-secret", "7Q~, shorter", f.Entra('7', 31), v => $"\"clientSecret\": \"{v}\"");
        Add("entra-client-secret", "another format version (9Q~)", f.Entra('9'), v => $"ClientSecret={v}");
        Add("entra-client-secret", "another format version (5Q~), shortest", f.Entra('5', 31), v => $"client_secret: {v}");
        Add("azure-ai-legacy-key", "openai endpoint and api-key name", f.Hex(), v => $"endpoint: https://contoso.openai.azure.com/\napi-key: {v}\n");
        Add("azure-ai-legacy-key", "service key name alone", f.Hex(), v => $"AZURE_OPENAI_KEY={v}");
        Add("azure-ai-legacy-key", "cognitive endpoint in a connection string", f.Hex(), v => $"Endpoint=https://westeu-lang.cognitiveservices.azure.com/;Key={v}");
        Add("azure-ai-legacy-key", "xml app settings beside an endpoint", f.Hex(), v => $"<add key=\"OpenAIEndpoint\" value=\"https://contoso.openai.azure.com/\" />\n<add key=\"AzureOpenAIKey\" value=\"{v}\" />");
        Add("azure-search-legacy-key", "search endpoint and key name", f.Hex(FakeSecrets.UpperHex), v => $"SearchServiceEndpoint=https://contoso.search.windows.net\nSearchServiceAdminKey={v}");
        Add("azure-search-legacy-key", "header next to a search url", f.Hex(FakeSecrets.UpperHex), v => $"curl https://contoso.search.windows.net/indexes?api-version=2024-07-01 -H \"api-key: {v}\"");
        return data;
    }

    /// <summary>Near misses: case name and text; none may produce a match.</summary>
    public static TheoryData<string, string> NearMisses()
    {
        var f = new FakeSecrets(7);
        return new TheoryData<string, string>
        {
            { "openai project: segment too short", $"k={f.OpenAI("sk-proj-", 73, 74)}" },
            { "openai project: marker wrong", $"k={f.OpenAI("sk-proj-").Replace("T3BlbkFJ", "T3BlbkFI", StringComparison.Ordinal)}" },
            { "openai project: filler", $"k=sk-proj-{new string('x', 74)}T3BlbkFJ{new string('x', 74)}" },
            { "openai service account: prefix wrong", $"k={f.OpenAI("sk-svcacc-")}" },
            { "openai service account: segment 60", $"k={f.OpenAI("sk-svcacct-", 60, 60)}" },
            { "openai admin: prefix wrong", $"k={f.OpenAI("sk-admins-", 58, 58)}" },
            { "openai admin: trailing character", $"k={f.OpenAI("sk-admin-", 58, 59)}" },
            { "openai legacy: 19 before marker", $"k={f.OpenAILegacy(19, 20)}" },
            { "openai legacy: marker case", $"k={f.OpenAILegacy().Replace("T3BlbkFJ", "T3BlbkFj", StringComparison.Ordinal)}" },
            { "openai legacy: docs placeholder", "OPENAI_API_KEY=sk-..." },
            { "anthropic api: suffix AB", $"k={f.Anthropic(suffix: "AB")}" },
            { "anthropic api: 92 body", $"k={f.Anthropic(body: 92)}" },
            { "anthropic admin: version 02", $"k={f.Anthropic("sk-ant-admin02-")}" },
            { "anthropic admin: 94 body", $"k={f.Anthropic("sk-ant-admin01-", 94)}" },
            { "hf: 33 letters", $"HF_TOKEN={f.Prefixed("hf_", FakeSecrets.Letters, 33)}" },
            { "hf: digits", $"HF_TOKEN=hf_{f.Chars(FakeSecrets.Letters, 20)}0123{f.Chars(FakeSecrets.Letters, 10)}" },
            { "hf org: 35 letters", $"t={f.Prefixed("api_org_", FakeSecrets.Letters, 35)}" },
            { "hf org: dashes", $"t={f.Prefixed("api-org-", FakeSecrets.Letters, 34)}" },
            { "google: 34 after AIza", $"k={f.Prefixed("AIza", FakeSecrets.UrlSafe, 34)}" },
            { "google: AIzb", $"k={f.Prefixed("AIzb", FakeSecrets.UrlSafe, 35)}" },
            { "groq: 51", $"k={f.Prefixed("gsk_", FakeSecrets.Alnum, 51)}" },
            { "groq: dash", $"k={f.Prefixed("gsk-", FakeSecrets.Alnum, 52)}" },
            { "replicate: 36", $"k={f.Prefixed("r8_", FakeSecrets.Alnum, 36)}" },
            { "replicate: 38", $"k={f.Prefixed("r8_", FakeSecrets.Alnum, 38)}" },
            { "xai: 79", $"k={f.Prefixed("xai-", FakeSecrets.Alnum, 79)}" },
            { "xai: underscore prefix", $"k={f.Prefixed("xai_", FakeSecrets.Alnum, 80)}" },
            { "openrouter: upper hex", $"k={f.Prefixed("sk-or-v1-", FakeSecrets.UpperHex, 64)}" },
            { "openrouter: v2", $"k={f.Prefixed("sk-or-v2-", FakeSecrets.LowerHex, 64)}" },
            { "perplexity: 47", $"k={f.Prefixed("pplx-", FakeSecrets.Alnum, 47)}" },
            { "perplexity: underscore", $"k={f.Prefixed("pplx_", FakeSecrets.Alnum, 48)}" },
            { "azure openai: signature JQQJ98", $"k={f.AzureCask('B', signature: "JQQJ98")}" },
            { "azure openai: long form with ==", $"k={f.AzureCask('B')}{f.Chars(FakeSecrets.Alnum, 2)}==" },
            { "azure openai: year M", $"k={f.AzureCask('B', 'M')}" },
            { "azure ai services: 51 head", $"k={f.AzureCask('A', head: 51)}" },
            { "azure ai services: ACOH", $"k={f.AzureCask('A').Replace("ACOG", "ACOH", StringComparison.Ordinal)}" },
            { "azure cognitive: 53 head", $"k={f.AzureCask('E', head: 53)}" },
            { "azure cognitive: inside base64", $"k=+/{f.AzureCask('E')}" },
            { "azure search: AzSE", $"k={f.AzureSearch("AzSE")}" },
            { "azure search: version E", $"k={f.AzureSearch(version: 'E')}" },
            { "azure search: 43 head", $"k={f.AzureSearch(head: 43)}" },
            { "entra: a letter, not a version digit, before Q~", $"secret={f.Entra('x')}" },
            { "entra: 30 after Q~", $"secret={f.Entra(tail: 30)}" },
            { "azure legacy: hex without context", $"hash={f.Hex()}" },
            { "azure legacy: endpoint but no key-like name", $"endpoint: https://contoso.openai.azure.com/\ncommit_md5: {f.Hex()}" },
            { "azure legacy: upper hex next to openai endpoint", $"endpoint: https://contoso.openai.azure.com/\napi-key: {f.Hex(FakeSecrets.UpperHex)}" },
            { "azure legacy: docs example value", "endpoint: https://contoso.openai.azure.com/\napi-key: abcdef0123456789abcdef0123456789" },
            { "azure legacy: all one digit", $"AZURE_OPENAI_KEY={new string('0', 32)}" },
            { "azure legacy: key id beside an endpoint", $"endpoint: https://contoso.openai.azure.com/\nkeyId: {f.Hex()}" },
            { "azure legacy: hash of a service key name", $"AZURE_OPENAI_KEY_HASH={f.Hex()}" },
            { "search legacy: no search endpoint", $"SEARCH_ADMIN_KEY={f.Hex(FakeSecrets.UpperHex)}" },
            { "search legacy: endpoint but etag", $"url=https://contoso.search.windows.net\netag={f.Hex(FakeSecrets.UpperHex)}" },
            { "search legacy: lower hex", $"url=https://contoso.search.windows.net\napi-key={f.Hex()}" },
        };
    }

    [Theory]
    [MemberData(nameof(Positives))]
    public void Detects_positive(string detectorId, string caseName, string text, string value)
    {
        using var fingerprinter = new SecretFingerprinter(_installationKey);
        var matches = new SecretScanner(fingerprinter).ScanText(text);

        var match = Assert.Single(matches);
        Assert.True(detectorId == match.DetectorId, $"{caseName}: expected {detectorId}, got {match.DetectorId}");
        Assert.Equal(text.IndexOf(value, StringComparison.Ordinal), match.Offset);
        Assert.Equal(value.Length, match.Length);
        Assert.Equal(fingerprinter.Compute(value), match.Fingerprint);
        Assert.Equal(SecretMask.Hint(value), match.Hint);
        var detector = SecretDetectorCatalog.Find(detectorId)!;
        Assert.Equal(detector.Provider, match.Provider);
        Assert.Equal(detector.Confidence, match.Confidence);
    }

    [Theory]
    [MemberData(nameof(NearMisses))]
    public void Ignores_near_miss(string caseName, string text)
    {
        using var fingerprinter = new SecretFingerprinter(_installationKey);
        var matches = new SecretScanner(fingerprinter).ScanText(text);

        Assert.True(matches.Count == 0, $"{caseName}: matched {string.Join(", ", matches.Select(m => m.DetectorId))}");
    }

    [Fact]
    public void Every_detector_has_two_positives()
    {
        var covered = Positives().Select(row => (string)row[0]).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());

        foreach (var detector in SecretDetectorCatalog.All)
        {
            Assert.True(covered.GetValueOrDefault(detector.Id) >= 2, $"{detector.Id} has fewer than two positive cases");
        }
    }

    [Fact]
    public void Catalog_ids_are_unique_and_described()
    {
        var all = SecretDetectorCatalog.All;

        Assert.Equal(all.Count, all.Select(d => d.Id).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(all, d => Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)+$", d.Id));
        Assert.All(all, d => Assert.False(string.IsNullOrWhiteSpace(d.Format)));
        Assert.All(all.Where(d => d.Confidence == SecretConfidence.Medium), d => Assert.NotNull(d.ContextNeeded));
        Assert.All(all.Where(d => d.Confidence == SecretConfidence.High), d => Assert.Null(d.ContextNeeded));
    }
}
