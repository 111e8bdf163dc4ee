using System.Text.Json.Nodes;
using Azure.Core;

namespace AiSpm.Emulator.Tests;

/// <summary>Search admin keys: listAdminKeys, regenerateAdminKey/{primary|secondary}, and the data plane's api-key check.</summary>
public sealed class SearchAdminKeyTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string ApiVersion = "?api-version=2023-11-01";
    private const string Service = $"/subscriptions/{SampleTenant.SubscriptionB}/resourceGroups/rg-search/providers/Microsoft.Search/searchServices/search-00";

    private async Task<int> DataPlaneStatusAsync(string host, string? key)
    {
        // Addressed by host name at the emulator's address, so the certificate is trusted by its thumbprint alone (test only).
        var thumbprint = emulator.Server.CertificateThumbprint;
        using var http = new HttpClient(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
                certificate is not null && string.Equals(certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase),
        });
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(emulator.Server.BaseUri, "indexes" + ApiVersion));
        request.Headers.Host = host;
        if (key is not null)
        {
            request.Headers.Add("api-key", key);
        }

        using var response = await http.SendAsync(request);
        return (int)response.StatusCode;
    }

    [Fact]
    public async Task RegenerateAdminKey_replaces_only_that_slot_and_the_data_plane_refuses_the_old_key()
    {
        var pipeline = new RawPipeline(emulator.Server);
        var (_, before) = await pipeline.SendAsync(RequestMethod.Post, Service.TrimStart('/') + "/listAdminKeys" + ApiVersion);
        var oldPrimary = (string)before!["primaryKey"]!;
        var secondary = (string)before["secondaryKey"]!;
        var acceptedBefore = await DataPlaneStatusAsync("search-00.search.windows.net", oldPrimary);

        var (regenerate, regenerated) = await pipeline.SendAsync(RequestMethod.Post, Service.TrimStart('/') + "/regenerateAdminKey/primary" + ApiVersion);
        var (_, after) = await pipeline.SendAsync(RequestMethod.Post, Service.TrimStart('/') + "/listAdminKeys" + ApiVersion);
        var newPrimary = (string)after!["primaryKey"]!;

        Assert.Matches("^[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5}$", oldPrimary);
        Assert.Equal(200, acceptedBefore);
        Assert.Equal(200, regenerate.Status);
        Assert.NotEqual(oldPrimary, newPrimary);
        Assert.Matches("^[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5}$", newPrimary);
        Assert.Equal(newPrimary, (string)regenerated!["primaryKey"]!);
        Assert.Equal(secondary, (string)after["secondaryKey"]!);
        Assert.Equal(403, await DataPlaneStatusAsync("search-00.search.windows.net", oldPrimary));
        Assert.Equal(200, await DataPlaneStatusAsync("search-00.search.windows.net", newPrimary));
        Assert.Equal(200, await DataPlaneStatusAsync("SEARCH-00.search.windows.net", secondary));
        Assert.Equal(403, await DataPlaneStatusAsync("search-00.search.windows.net", null));
        Assert.Equal(403, await DataPlaneStatusAsync("search-01.search.windows.net", secondary)); // another service's key
        Assert.Equal(404, await DataPlaneStatusAsync("no-such-service.search.windows.net", secondary));
    }

    [Fact]
    public async Task RegenerateAdminKey_secondary_leaves_the_primary_and_an_unknown_kind_is_a_400_naming_it()
    {
        var pipeline = new RawPipeline(emulator.Server, maxRetries: 0);
        const string other = $"/subscriptions/{SampleTenant.SubscriptionB}/resourceGroups/rg-search/providers/Microsoft.Search/searchServices/search-02";
        var (_, before) = await pipeline.SendAsync(RequestMethod.Post, other.TrimStart('/') + "/listAdminKeys" + ApiVersion);

        var (bad, error) = await pipeline.SendAsync(RequestMethod.Post, other.TrimStart('/') + "/regenerateAdminKey/tertiary" + ApiVersion);
        var (_, afterBad) = await pipeline.SendAsync(RequestMethod.Post, other.TrimStart('/') + "/listAdminKeys" + ApiVersion);
        var (_, regenerated) = await pipeline.SendAsync(RequestMethod.Post, other.TrimStart('/') + "/regenerateAdminKey/secondary" + ApiVersion);
        var (onAccount, _) = await pipeline.SendAsync(RequestMethod.Post, SampleTenant.AccountId.TrimStart('/') + "/regenerateAdminKey/primary" + ApiVersion);
        var (missing, _) = await pipeline.SendAsync(RequestMethod.Post, other.TrimStart('/') + "-gone/regenerateAdminKey/primary" + ApiVersion);

        Assert.Equal(400, bad.Status);
        Assert.Equal("InvalidKeyKind", (string)error!["error"]!["code"]!);
        Assert.Contains("'tertiary'", (string)error["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(before!.ToJsonString(), afterBad!.ToJsonString());
        Assert.Equal((string)before["primaryKey"]!, (string)regenerated!["primaryKey"]!);
        Assert.NotEqual((string)before["secondaryKey"]!, (string)regenerated["secondaryKey"]!);
        Assert.Equal(404, onAccount.Status); // admin keys are a Search action only
        Assert.Equal(404, missing.Status);
    }
}
