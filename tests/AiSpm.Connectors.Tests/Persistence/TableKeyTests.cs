using AiSpm.Connectors.Persistence;

namespace AiSpm.Connectors.Tests.Persistence;

public sealed class TableKeyTests
{
    [Theory]
    [InlineData("/subscriptions/abc/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/a1")]
    [InlineData("tilde~ hash# question? back\\slash 'quote' ünïcödé 🙂")]
    [InlineData("")]
    public void Encode_is_reversible_and_url_safe(string value)
    {
        var key = TableKey.Encode(value);

        Assert.Matches("^[A-Za-z0-9._~-]*$", key);
        Assert.True(TableKey.TryDecode(key, out var decoded));
        Assert.Equal(value, decoded);
        TableKey.Validate(key, "key");
    }

    [Fact]
    public void Resource_ids_differing_only_in_case_share_a_key()
    {
        Assert.Equal(
            TableKey.ForResourceId("/subscriptions/ABC/resourceGroups/RG/providers/Microsoft.Search/searchServices/S"),
            TableKey.ForResourceId("/subscriptions/abc/resourcegroups/rg/providers/microsoft.search/searchservices/s"));
    }

    [Fact]
    public void Overlong_values_are_hashed_and_flagged()
    {
        var value = "/subscriptions/x/" + new string('a', 600);

        var key = TableKey.Encode(value);

        Assert.True(TableKey.IsHashed(key));
        Assert.True(key.Length <= TableKey.MaxEncodedLength);
        Assert.False(TableKey.TryDecode(key, out _));
        Assert.Equal(key, TableKey.Encode(value));
        Assert.NotEqual(key, TableKey.Encode(value + "b"));
    }

    [Fact]
    public void Reversible_keys_never_look_hashed()
    {
        Assert.False(TableKey.IsHashed(TableKey.Encode("~H not a hash")));
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("a\u0001b")]
    public void Validate_names_illegal_characters(string key)
    {
        var error = Assert.Throws<ArgumentException>(() => TableKey.Validate(key, "rowKey"));

        Assert.Contains("rowKey", error.Message, StringComparison.Ordinal);
    }
}
