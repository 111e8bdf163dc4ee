using System.Text.Json;
using AiSpm.Connectors.Remediation;
using AiSpm.Core.Secrets;

namespace AiSpm.Connectors.Tests.Remediation;

/// <summary>The per-family differences of key rotation: slots, list answers and the regenerate call.</summary>
public sealed class RotatableKeyFamilyTests
{
    private const string Account = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/oai-one";
    private const string Search = "/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/rg/providers/Microsoft.Search/searchServices/srch-one";

    [Fact]
    public void The_family_follows_the_resource_type_and_nothing_else_is_rotatable()
    {
        Assert.Same(RotatableKeyFamily.CognitiveServices, RotatableKeyFamily.For(Account));
        Assert.Same(RotatableKeyFamily.SearchAdmin, RotatableKeyFamily.For(Search));
        Assert.Same(RotatableKeyFamily.SearchAdmin, RotatableKeyFamily.For(Search.ToUpperInvariant()));
        Assert.Null(RotatableKeyFamily.For("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Web/sites/app"));
        Assert.Null(RotatableKeyFamily.For("/subscriptions/s/resourceGroups/rg/providers/Microsoft.Search/searchServicesX/srch"));
        Assert.Null(RotatableKeyFamily.For(string.Empty));
        Assert.Equal("2023-11-01", RotatableKeyFamily.SearchAdmin.ApiVersion); // GA, the version the collector lists admin keys with
        Assert.Equal("listAdminKeys", RotatableKeyFamily.SearchAdmin.ListAction);
        Assert.Equal("listKeys", RotatableKeyFamily.CognitiveServices.ListAction);
    }

    [Theory]
    [InlineData(KeySlot.Key1, "Key1", "Key2", "regenerateKey")]
    [InlineData(KeySlot.Key2, "Key2", "Key1", "regenerateKey")]
    public void Cognitive_services_slots_regenerate_with_a_key_name_body(KeySlot slot, string name, string alternate, string action)
    {
        var family = RotatableKeyFamily.CognitiveServices;
        var (requestAction, body) = family.RegenerateRequest(name.ToLowerInvariant()); // CredentialId tags are lower case

        Assert.Equal(name, family.SlotName(slot));
        Assert.Equal(slot, family.SlotOf(name.ToLowerInvariant()));
        Assert.Equal(alternate, family.Alternate(name));
        Assert.Equal(action, requestAction);
        Assert.Equal($$"""{"keyName":"{{name}}"}""", JsonSerializer.Serialize(body));
    }

    [Theory]
    [InlineData(KeySlot.Key1, "Primary", "Secondary", "regenerateAdminKey/primary")]
    [InlineData(KeySlot.Key2, "Secondary", "Primary", "regenerateAdminKey/secondary")]
    public void Search_admin_slots_regenerate_through_the_key_kind_path_without_a_body(KeySlot slot, string name, string alternate, string action)
    {
        var family = RotatableKeyFamily.SearchAdmin;
        var (requestAction, body) = family.RegenerateRequest(name.ToLowerInvariant());

        Assert.Equal(name, family.SlotName(slot));
        Assert.Equal(slot, family.SlotOf(name.ToUpperInvariant()));
        Assert.Equal(alternate, family.Alternate(name));
        Assert.Equal(action, requestAction);
        Assert.Null(body);
    }

    [Fact]
    public void List_answers_are_read_by_each_family_s_own_properties_and_slots_pick_their_key()
    {
        using var cognitive = JsonDocument.Parse("""{"key1":"first-cs","key2":"second-cs"}""");
        using var search = JsonDocument.Parse("""{"primaryKey":"first-search","secondaryKey":"second-search"}""");

        var csKeys = RotatableKeyFamily.CognitiveServices.ParseKeys(cognitive.RootElement);
        var searchKeys = RotatableKeyFamily.SearchAdmin.ParseKeys(search.RootElement);

        Assert.Equal(("first-cs", "second-cs"), csKeys);
        Assert.Equal(("first-search", "second-search"), searchKeys);
        Assert.Equal("second-cs", RotatableKeyFamily.CognitiveServices.KeyIn(csKeys, "key2"));
        Assert.Equal("first-search", RotatableKeyFamily.SearchAdmin.KeyIn(searchKeys, "Primary"));
        Assert.Equal("second-search", RotatableKeyFamily.SearchAdmin.KeyIn(searchKeys, "secondary"));
        Assert.Throws<KeyNotFoundException>(() => RotatableKeyFamily.SearchAdmin.ParseKeys(cognitive.RootElement));
    }

    [Fact]
    public void A_slot_name_of_the_other_family_is_refused_rather_than_guessed()
    {
        Assert.Null(RotatableKeyFamily.SearchAdmin.SlotOf("key1"));
        Assert.Null(RotatableKeyFamily.CognitiveServices.SlotOf("primary"));
        Assert.Throws<ArgumentException>(() => RotatableKeyFamily.SearchAdmin.RegenerateRequest("Key1"));
        Assert.Throws<ArgumentException>(() => RotatableKeyFamily.CognitiveServices.Alternate("secondary"));
        Assert.Throws<ArgumentException>(() => RotatableKeyFamily.SearchAdmin.KeyIn(("a", "b"), "tertiary"));
    }
}
