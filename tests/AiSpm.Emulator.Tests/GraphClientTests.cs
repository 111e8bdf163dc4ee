using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Kiota.Authentication.Azure;

namespace AiSpm.Emulator.Tests;

public sealed class GraphClientTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private GraphServiceClient CreateClient()
    {
        var httpClient = GraphClientFactory.Create(finalHandler: emulator.Server.CreateHandler());
        var authentication = new AzureIdentityAuthenticationProvider(emulator.Server.Credential, allowedHosts: ["127.0.0.1"], scopes: ["https://graph.microsoft.com/.default"]);
        return new GraphServiceClient(httpClient, authentication, emulator.Server.GraphV1Endpoint.AbsoluteUri);
    }

    [Fact]
    public async Task GraphServiceClient_pages_service_principals_with_PageIterator()
    {
        var client = CreateClient();
        var firstPage = await client.ServicePrincipals.GetAsync(r =>
        {
            r.QueryParameters.Top = 100;
            r.QueryParameters.Select = ["id", "appId", "displayName"];
        });
        var seen = new List<ServicePrincipal>();
        var iterator = PageIterator<ServicePrincipal, ServicePrincipalCollectionResponse>.CreatePageIterator(client, firstPage!, sp =>
        {
            seen.Add(sp);
            return true;
        });

        await iterator.IterateAsync();

        Assert.Equal(SampleTenant.ServicePrincipalCount, seen.Count);
        Assert.Equal(SampleTenant.ServicePrincipalCount, seen.Select(s => s.Id).Distinct().Count());
        Assert.Null(seen[0].AccountEnabled);
        Assert.Equal(3, emulator.Server.Stats.CountOf("Graph GET /v1.0/servicePrincipals"));
    }

    [Fact]
    public async Task GraphServiceClient_filters_by_appId_and_reads_the_authorization_policy()
    {
        var client = CreateClient();
        var appId = new Guid(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7).ToString();

        var found = await client.ServicePrincipals.GetAsync(r => r.QueryParameters.Filter = $"appId eq '{appId}'");
        var policy = await client.Policies.AuthorizationPolicy.GetAsync();

        Assert.Equal("App 007", Assert.Single(found!.Value!).DisplayName);
        Assert.Equal("authorizationPolicy", policy!.Id);
    }

    [Fact]
    public async Task GraphServiceClient_sends_a_batch()
    {
        var client = CreateClient();
        var batch = new BatchRequestContentCollection(client);
        var assignedTo = await batch.AddBatchRequestStepAsync(client.ServicePrincipals[SampleTenant.SpId(0)].AppRoleAssignedTo.ToGetRequestInformation());
        var assignments = await batch.AddBatchRequestStepAsync(client.ServicePrincipals[SampleTenant.SpId(1)].AppRoleAssignments.ToGetRequestInformation());
        var missing = await batch.AddBatchRequestStepAsync(client.ServicePrincipals["does-not-exist"].ToGetRequestInformation());

        var response = await client.Batch.PostAsync(batch);
        var assignedToPage = await response.GetResponseByIdAsync<AppRoleAssignmentCollectionResponse>(assignedTo);
        var assignmentsPage = await response.GetResponseByIdAsync<AppRoleAssignmentCollectionResponse>(assignments);
        var statuses = await response.GetResponsesStatusCodesAsync();

        Assert.Equal("assignment-1", Assert.Single(assignedToPage.Value!).Id);
        Assert.Equal("assignment-1", Assert.Single(assignmentsPage.Value!).Id);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, statuses[missing]);
    }

    [Fact]
    public async Task Owners_are_served_with_their_type_inside_a_batch_and_missing_objects_answer_404()
    {
        var client = CreateClient();
        var batch = new BatchRequestContentCollection(client);
        var owned = await batch.AddBatchRequestStepAsync(client.ServicePrincipals[SampleTenant.SpId(2)].Owners.ToGetRequestInformation(r => r.QueryParameters.Select = ["id", "displayName"]));
        var none = await batch.AddBatchRequestStepAsync(client.ServicePrincipals[SampleTenant.SpId(3)].Owners.ToGetRequestInformation());
        var missing = await batch.AddBatchRequestStepAsync(client.ServicePrincipals["does-not-exist"].Owners.ToGetRequestInformation());
        var noApplication = await batch.AddBatchRequestStepAsync(client.Applications["does-not-exist"].Owners.ToGetRequestInformation());

        var response = await client.Batch.PostAsync(batch);
        var ownedPage = await response.GetResponseByIdAsync<DirectoryObjectCollectionResponse>(owned);
        var nonePage = await response.GetResponseByIdAsync<DirectoryObjectCollectionResponse>(none);
        var statuses = await response.GetResponsesStatusCodesAsync();

        Assert.Collection(ownedPage.Value!,
            user => Assert.Equal(("user-1", "Adele Vance", null), (user.Id, Assert.IsType<User>(user).DisplayName, ((User)user).UserPrincipalName)),
            sp => Assert.Equal(SampleTenant.SpId(1), Assert.IsType<ServicePrincipal>(sp).Id));
        Assert.Empty(nonePage.Value!);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, statuses[missing]);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, statuses[noApplication]);

        var pipeline = new RawPipeline(emulator.Server, scope: "https://graph.microsoft.com/.default", maxRetries: 0);
        var (direct, directBody) = await pipeline.SendAsync(Azure.Core.RequestMethod.Get, $"v1.0/servicePrincipals/{SampleTenant.SpId(2)}/owners");
        var (map, _) = await pipeline.SendAsync(Azure.Core.RequestMethod.Get, "v1.0/owners");
        Assert.Equal(200, direct.Status);
        Assert.Equal("https://graph.microsoft.com/v1.0/$metadata#directoryObjects", (string)directBody!["@odata.context"]!);
        Assert.Equal("adele@sample.example", (string)directBody["value"]![0]!["userPrincipalName"]!);
        Assert.Equal(404, map.Status);
    }

    [Fact]
    public async Task Beta_serves_beta_documents_and_falls_back_to_v1()
    {
        var pipeline = new RawPipeline(emulator.Server, scope: "https://graph.microsoft.com/.default", maxRetries: 0);
        var signedIn = new RawPipeline(emulator.Server, scope: "https://graph.microsoft.com/User.Read", maxRetries: 0, credential: Hosting.EmulatorCredential.ForUser("admin@sample.example"));

        var (settings, settingsBody) = await signedIn.SendAsync(Azure.Core.RequestMethod.Get, "beta/copilot/admin/settings/limitedMode");
        var (principals, principalsBody) = await pipeline.SendAsync(Azure.Core.RequestMethod.Get, "beta/servicePrincipals?$top=999");
        var (tooLarge, _) = await pipeline.SendAsync(Azure.Core.RequestMethod.Get, "v1.0/servicePrincipals?$top=1000");
        var (expand, expandBody) = await pipeline.SendAsync(Azure.Core.RequestMethod.Get, "v1.0/servicePrincipals?$expand=owners");

        Assert.Equal(200, settings.Status);
        Assert.False((bool)settingsBody!["isEnabledForGroup"]!);
        Assert.Equal(200, principals.Status);
        Assert.Equal(SampleTenant.ServicePrincipalCount, principalsBody!["value"]!.AsArray().Count);
        Assert.Equal(400, tooLarge.Status);
        Assert.Equal(400, expand.Status);
        Assert.Contains("$expand", (string)expandBody!["error"]!["message"]!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delegated_only_endpoints_answer_a_signed_in_user_and_refuse_the_app()
    {
        var app = new RawPipeline(emulator.Server, scope: "https://graph.microsoft.com/.default", maxRetries: 0);
        var user = Hosting.EmulatorCredential.ForUser("admin@sample.example");
        var signedIn = new RawPipeline(emulator.Server, scope: "https://graph.microsoft.com/User.Read", maxRetries: 0, credential: user);

        var (appSettings, appSettingsBody) = await app.SendAsync(Azure.Core.RequestMethod.Get, "beta/copilot/admin/settings/limitedMode");
        var (appMe, appMeBody) = await app.SendAsync(Azure.Core.RequestMethod.Get, "v1.0/me");
        var (me, meBody) = await signedIn.SendAsync(Azure.Core.RequestMethod.Get, "v1.0/me?$select=id,userPrincipalName");
        var (again, againBody) = await signedIn.SendAsync(Azure.Core.RequestMethod.Get, "v1.0/me");

        Assert.Equal(403, appSettings.Status);
        Assert.Equal("Authorization_RequestDenied", (string)appSettingsBody!["error"]!["code"]!);
        Assert.Equal(400, appMe.Status);
        Assert.Contains("delegated", (string)appMeBody!["error"]!["message"]!, StringComparison.Ordinal);
        Assert.Equal(200, me.Status);
        Assert.Equal("admin@sample.example", (string)meBody!["userPrincipalName"]!);
        Assert.Equal((string)meBody["id"]!, (string)againBody!["id"]!);
        Assert.Contains(emulator.Server.Stats.DelegatedTokens, t => t.StartsWith("emulator-user.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Batch_of_more_than_20_requests_is_refused()
    {
        var pipeline = new RawPipeline(emulator.Server, scope: "https://graph.microsoft.com/.default", maxRetries: 0);
        var requests = new System.Text.Json.Nodes.JsonArray(Enumerable.Range(1, 21).Select(i => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["method"] = "GET",
            ["url"] = "/servicePrincipals",
        }).ToArray());

        var (response, body) = await pipeline.SendAsync(Azure.Core.RequestMethod.Post, "v1.0/$batch", new System.Text.Json.Nodes.JsonObject { ["requests"] = requests });

        Assert.Equal(400, response.Status);
        Assert.Equal("BadRequest", (string)body!["error"]!["code"]!);
    }
}
