using AiSpm.Core.Findings;
using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Rules.AzureAi.GroundingData;

/// <summary>AI Search data sources reach the data they index with the service's managed identity, not with a key, SAS or password in their connection string.</summary>
public sealed class GroundingDataSearchDataSourceIdentityAuth : AiResourceRule
{
    /// <summary>The rule's metadata.</summary>
    public static RuleDescriptor Rule { get; } = new()
    {
        Id = "AISPM-1509",
        Name = "GroundingData.SearchDataSource.IdentityAuth",
        Title = "AI Search data sources connect with a managed identity, not a key in the connection string",
        Severity = Severity.Medium,
        Category = RuleCategory.Authentication,
        ResourceTypes = [AiResourceTypes.SearchDataSource],
        Frameworks = new()
        {
            NistAiRmf = ["MANAGE 2.2", "GOVERN 1.2"],
            Iso42001 = ["A.6.2.6", "A.7.2"],
            EuAiAct = ["Art. 15"],
            OwaspLlm = ["LLM02:2025", "LLM08:2025"],
            MitreAtlas = ["AML.T0055"],
        },
    };

    /// <inheritdoc />
    public override RuleDescriptor Descriptor => Rule;

    /// <inheritdoc />
    protected override IReadOnlyList<AiResourceFamily> Families { get; } = [AiResourceFamily.SearchDataSource];

    /// <inheritdoc />
    protected override RuleCheck Check(AiResource resource, PostureSnapshot snapshot)
    {
        var kind = Enum.TryParse<DataSourceCredentialKind>(resource.PropertyString("credentials.kind"), ignoreCase: true, out var parsed) ? parsed : DataSourceCredentialKind.Unknown;
        var userAssigned = resource.PropertyString("identity.userAssignedIdentity");
        var evidence = new Dictionary<string, string> { ["credentials"] = kind.ToString(), ["type"] = resource.PropertyString("type") ?? "unknown" };
        return kind switch
        {
            DataSourceCredentialKind.AccountKey or DataSourceCredentialKind.SharedAccessSignature or DataSourceCredentialKind.Password =>
                RuleCheck.Fail($"Data source '{resource.Name}' reaches its data with {Describe(kind)} kept in its connection string: whoever can read the search service's definitions (an admin key is enough) learns a credential to the grounding data itself, and it stops working only when someone rotates it.", evidence),
            DataSourceCredentialKind.ManagedIdentity =>
                RuleCheck.Pass($"Data source '{resource.Name}' connects with {(userAssigned is null ? "the search service's managed identity" : "a user-assigned managed identity")} (ResourceId connection string, no secret).", evidence),
            _ when userAssigned is { Length: > 0 } =>
                RuleCheck.Pass($"Data source '{resource.Name}' connects with the user-assigned identity {userAssigned}.", evidence),
            _ => RuleCheck.Unknown($"The connection string of data source '{resource.Name}' was not returned (AI Search omits it from lists, and returns it on request only to an admin role) or is encrypted."),
        };
    }

    private static string Describe(DataSourceCredentialKind kind) => kind switch
    {
        DataSourceCredentialKind.AccountKey => "an account key",
        DataSourceCredentialKind.SharedAccessSignature => "a shared access signature",
        _ => "a database password",
    };
}
