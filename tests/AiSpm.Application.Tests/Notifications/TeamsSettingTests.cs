using AiSpm.Connectors.Storage;
using AiSpm.Application.Notifications;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Tests.Notifications;

/// <summary>
/// AISPM_TEAMS_WEBHOOK_URL: unset turns Teams off, https turns it on, anything else is refused without echoing the value.
/// The links on cards come from AISPM_RULE_DOCS_URL and AISPM_PUBLIC_URL (else the platform's WEBSITE_HOSTNAME).
/// </summary>
public sealed class TeamsSettingTests
{
    private const string Hook = "https://prod-00.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t";

    private static IConfiguration With(string? value, params (string Name, string Value)[] more) => new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?>(more.Select(m => KeyValuePair.Create(m.Name, (string?)m.Value))) { [TeamsNotifierOptions.WebhookSetting] = value })
        .Build();

    [Fact]
    public void Unset_or_empty_means_no_notifications()
    {
        Assert.Null(TeamsNotifierOptions.FromConfiguration(With(null)));
        Assert.Null(TeamsNotifierOptions.FromConfiguration(With(string.Empty)));
    }

    [Fact]
    public void An_https_url_turns_notifications_on()
    {
        var options = TeamsNotifierOptions.FromConfiguration(With("https://prod-00.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?sig=s3cr3t"));

        Assert.NotNull(options);
        Assert.Equal("prod-00.westeurope.logic.azure.com", options.WebhookUri.Host);
    }

    [Theory]
    [InlineData("http://contoso.example/hook?sig=s3cr3t")]
    [InlineData("not a url s3cr3t")]
    public void Anything_else_is_refused_naming_the_setting_but_not_the_value(string value)
    {
        var error = Assert.Throws<StorageConfigurationException>(() => TeamsNotifierOptions.FromConfiguration(With(value)));

        Assert.Contains(TeamsNotifierOptions.WebhookSetting, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Cards_link_to_the_published_rule_pages_and_the_report_of_the_app()
    {
        var local = TeamsNotifierOptions.FromConfiguration(With(Hook))!;
        var hosted = TeamsNotifierOptions.FromConfiguration(With(Hook, ("WEBSITE_HOSTNAME", "func-aispm-x1.azurewebsites.net"), ("AISPM_RULE_DOCS_URL", "https://github.com/contoso/aispm/blob/main/docs/rules")))!;
        var custom = TeamsNotifierOptions.FromConfiguration(With(Hook, ("WEBSITE_HOSTNAME", "func-aispm-x1.azurewebsites.net"), ("AISPM_PUBLIC_URL", "https://aispm.contoso.com/")))!;

        Assert.Null(local.ReportUri);
        Assert.Null(local.RuleDocs.UrlOf("AISPM-1001"));
        Assert.Equal("https://func-aispm-x1.azurewebsites.net/api/report", hosted.ReportUri!.AbsoluteUri);
        Assert.Equal("https://github.com/contoso/aispm/blob/main/docs/rules/AISPM-1001.md", hosted.RuleDocs.UrlOf("AISPM-1001")!.AbsoluteUri);
        Assert.Equal("https://aispm.contoso.com/api/report", custom.ReportUri!.AbsoluteUri);
    }

    [Theory]
    [InlineData("AISPM_PUBLIC_URL", "http://aispm.contoso.com")]
    [InlineData("AISPM_PUBLIC_URL", "aispm.contoso.com")]
    [InlineData("AISPM_RULE_DOCS_URL", "docs/rules")]
    public void A_malformed_link_setting_is_refused_by_name(string setting, string value)
    {
        var error = Assert.Throws<StorageConfigurationException>(() => TeamsNotifierOptions.FromConfiguration(With(Hook, (setting, value))));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", error.Message, StringComparison.Ordinal);
    }
}
