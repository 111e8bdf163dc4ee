using AiSpm.Core.Inventory.AzureAi;

namespace AiSpm.Core.Tests.Inventory;

/// <summary>AI Search data-source connection strings in the forms Microsoft documents per data source type, and hostile ones.</summary>
public sealed class DataSourceConnectionTests
{
    private const string Storage = "/subscriptions/0a1b2c3d-0000-4000-8000-00000000f100/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/stdocs";

    [Theory]
    [InlineData("ResourceId=" + Storage + ";", DataSourceCredentialKind.ManagedIdentity, Storage, null)]
    [InlineData("ResourceId=" + Storage + "/;", DataSourceCredentialKind.ManagedIdentity, Storage, null)]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=stdocs;AccountKey=c2VjcmV0LWtleQ==;EndpointSuffix=core.windows.net", DataSourceCredentialKind.AccountKey, null, "stdocs")]
    [InlineData("BlobEndpoint=https://stdocs.blob.core.windows.net/;SharedAccessSignature=sv=2024-11-04&ss=b&srt=sco&sp=rl&sig=abc%3D", DataSourceCredentialKind.SharedAccessSignature, null, "stdocs")]
    [InlineData("ContainerSharedAccessUri=https://stdocs.blob.core.windows.net/handbook?sp=rl&sig=abc%3D", DataSourceCredentialKind.SharedAccessSignature, null, "stdocs")]
    [InlineData("Server=tcp:sql-docs.database.windows.net,1433;Database=docs;Connection Timeout=30;", DataSourceCredentialKind.Password, null, null)]
    [InlineData("Server=tcp:sql-docs.database.windows.net,1433;Database=docs;User ID=reader;Password=hunter2;", DataSourceCredentialKind.Password, null, null)]
    [InlineData("Database=docs;ResourceId=/subscriptions/0a1b2c3d-0000-4000-8000-00000000f100/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-docs;Connection Timeout=30;", DataSourceCredentialKind.ManagedIdentity, "/subscriptions/0a1b2c3d-0000-4000-8000-00000000f100/resourceGroups/rg/providers/Microsoft.Sql/servers/sql-docs", null)]
    [InlineData("AccountEndpoint=https://cosmos-docs.documents.azure.com;AccountKey=c2VjcmV0;Database=docs", DataSourceCredentialKind.AccountKey, null, null)]
    [InlineData("ResourceId=/subscriptions/0a1b2c3d-0000-4000-8000-00000000f100/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-docs;Database=docs;IdentityAuthType=AccessToken", DataSourceCredentialKind.ManagedIdentity, "/subscriptions/0a1b2c3d-0000-4000-8000-00000000f100/resourceGroups/rg/providers/Microsoft.DocumentDB/databaseAccounts/cosmos-docs", null)]
    public void Reads_how_a_data_source_authenticates_and_what_it_points_at(string connectionString, DataSourceCredentialKind kind, string? resourceId, string? account)
    {
        var read = DataSourceConnection.Read(connectionString);

        Assert.Equal(kind, read.Kind);
        Assert.Equal(resourceId, read.ResourceId);
        Assert.Equal(account, read.AccountName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("<unchanged>")]
    [InlineData("<encrypted>")]
    [InlineData(";;;")]
    [InlineData("just some words")]
    [InlineData("ResourceId=not-an-arm-id;")]
    [InlineData("=;=;=")]
    public void Anything_else_is_unknown_and_never_throws(string? connectionString)
    {
        var read = DataSourceConnection.Read(connectionString);

        Assert.Equal(DataSourceCredentialKind.Unknown, read.Kind);
        Assert.Null(read.ResourceId);
    }

    [Fact]
    public void The_record_keeps_no_secret()
    {
        var read = DataSourceConnection.Read("DefaultEndpointsProtocol=https;AccountName=stdocs;AccountKey=c2VjcmV0LWtleQ==;EndpointSuffix=core.windows.net");

        Assert.DoesNotContain("c2VjcmV0", read.ToString(), StringComparison.Ordinal);
    }
}
