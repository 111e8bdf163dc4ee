using AiSpm.Emulator.Fixtures;

namespace AiSpm.Emulator.Tests;

public sealed class FixtureLoadingTests
{
    [Fact]
    public void Resource_without_id_names_the_file_and_json_path()
    {
        using var folder = new FixtureFolder()
            .WriteText("arm/resources/ai.json", """{"value": [{"id": "/subscriptions/s/resourceGroups/g/providers/A.B/c/d", "name": "d", "type": "A.B/c"}, {"name": "e", "type": "A.B/c"}]}""");

        var error = Assert.Throws<FixtureException>(() => FixtureLoader.Load(folder.Path));

        Assert.Equal("arm/resources/ai.json", error.File);
        Assert.Equal("$.value[1].id", error.JsonPath);
        Assert.Contains("arm/resources/ai.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_models_item_without_a_model_object_names_the_location_and_index()
    {
        using var folder = new FixtureFolder()
            .WriteText("arm/models.json", """{"eastus": [{"kind": "OpenAI", "model": {"name": "gpt-4o", "version": "2024-11-20"}}, {"kind": "OpenAI"}]}""");

        var error = Assert.Throws<FixtureException>(() => FixtureLoader.Load(folder.Path));

        Assert.Equal("arm/models.json", error.File);
        Assert.Equal("$['eastus'][1]", error.JsonPath);
    }

    [Fact]
    public void Syntax_error_names_the_file_and_the_json_path_reached()
    {
        using var folder = new FixtureFolder()
            .WriteText("graph/v1.0/servicePrincipals.json", """{"value": [{"id": "1", "appId": "a"}, {"id": "2", "appId": }]}""");

        var error = Assert.Throws<FixtureException>(() => FixtureLoader.Load(folder.Path));

        Assert.Equal("graph/v1.0/servicePrincipals.json", error.File);
        Assert.Equal("$.value[1].appId", error.JsonPath);
    }

    [Fact]
    public void Secret_with_a_malformed_id_names_the_file_and_json_path()
    {
        using var folder = new FixtureFolder()
            .WriteText("keyvault/kv1/secrets.json", """{"value": [{"id": "https://kv1.vault.azure.net/keys/k/1", "value": "x"}]}""");

        var error = Assert.Throws<FixtureException>(() => new KeyVault.KeyVaultRequestHandler(FixtureLoader.Load(folder.Path), 1, TimeProvider.System));

        Assert.Equal("keyvault/kv1/secrets.json", error.File);
        Assert.Equal("$.value[0].id", error.JsonPath);
    }

    [Fact]
    public async Task Server_start_fails_with_the_fixture_error()
    {
        using var folder = new FixtureFolder().WriteText("arm/subscriptions.json", """{"value": {"not": "an array"}}""");

        var error = await Assert.ThrowsAsync<FixtureException>(() => EmulatorServer.StartAsync(new EmulatorOptions { FixtureFolder = folder.Path }));

        Assert.Equal("$.value", error.JsonPath);
    }
}
