using AiSpm.Connectors.Storage;
using AiSpm.Core.Ports;
using AiSpm.Core.Remediation;
using AiSpm.Application.Configuration;
using AiSpm.Application.Functions;
using AiSpm.Application.Notifications;
using AiSpm.Application.Remediation;
using AiSpm.Application.Scanning;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiSpm.Application.Tests.Configuration;

/// <summary>The one composition root: complete from settings alone, strict about every setting it reads.</summary>
public sealed class CompositionRootTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        settings.TryAdd(StorageOptions.SettingName, "UseDevelopmentStorage=true");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddAiSpm(configuration).BuildServiceProvider();
    }

    [Fact]
    public void Settings_alone_compose_every_entry_point_and_its_stores()
    {
        using var services = Build(new() { [AppSettingNames.RotationMode] = "Auto", [AppSettingNames.KeyVaultUri] = "https://kv-aispm.vault.azure.net/" });

        Assert.NotNull(services.GetRequiredService<AiSpmFunctionApp>());
        Assert.NotNull(services.GetRequiredService<AiSpm.Application.Activities.ScanShardActivity>());
        Assert.NotNull(services.GetRequiredService<AiSpm.Application.Activities.NotifyRunActivity>());
        Assert.Same(services.GetRequiredService<IFindingStore>(), services.GetRequiredService<AiSpm.Connectors.Persistence.TableFindingStore>());
        Assert.Equal(RotationMode.Auto, services.GetRequiredService<RotationPolicy>().Mode);
        Assert.NotNull(services.GetService<ScheduledKeyRotation>());
        Assert.NotNull(services.GetRequiredService<AiSpm.Application.Remediation.Rotation.StartRotationsActivity>());
        Assert.NotNull(services.GetRequiredService<AiSpm.Application.Remediation.Rotation.RotationRequests>());
        Assert.Null(services.GetService<TeamsNotifier>());
        Assert.NotNull(services.GetRequiredService<ScanOptions>().FingerprintKey);
    }

    [Fact]
    public void Scheduled_rotation_needs_both_a_mode_other_than_off_and_a_vault()
    {
        using var noVault = Build(new() { [AppSettingNames.RotationMode] = "Auto" });
        using var off = Build(new() { [AppSettingNames.RotationMode] = "Off", [AppSettingNames.KeyVaultUri] = "https://kv-aispm.vault.azure.net/" });

        Assert.Null(noVault.GetService<ScheduledKeyRotation>());
        Assert.Null(off.GetService<ScheduledKeyRotation>());
    }

    [Theory]
    [InlineData(AppSettingNames.RotationMode, "Off,Auto")]
    [InlineData(AppSettingNames.RotationMode, "3")]
    [InlineData("AISPM_ROTATION_CONSUMER_WAIT", "1h")]
    [InlineData("AISPM_ROTATION_CONSUMER_WAIT", "-00:10:00")]
    [InlineData("AISPM_ROTATION_CONSUMER_WAIT", "8.00:00:00")]
    [InlineData("AISPM_ROTATION_APPROVAL_TIMEOUT", "00:00:10")]
    [InlineData("AISPM_ROTATION_APPROVAL_TIMEOUT", "tomorrow")]
    public void A_malformed_rotation_setting_is_one_error_naming_it(string setting, string value)
    {
        using var services = Build(new() { [setting] = value });

        var error = Assert.Throws<StorageConfigurationException>(() => services.ValidateAiSpm());

        Assert.Equal(setting, error.SettingName);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Approval_mode_needs_teams_and_reads_its_timings()
    {
        using var withoutTeams = Build(new() { [AppSettingNames.RotationMode] = "Approval" });
        using var withTeams = Build(new()
        {
            [AppSettingNames.RotationMode] = "Approval",
            [TeamsNotifierOptions.WebhookSetting] = "https://prod-00.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke?sig=abc",
            ["AISPM_ROTATION_CONSUMER_WAIT"] = "02:30:00",
            ["AISPM_ROTATION_APPROVAL_TIMEOUT"] = "2.00:00:00",
            [AppSettingNames.PlatformHostName] = "func-aispm.azurewebsites.net",
        });

        Assert.Equal(AppSettingNames.RotationMode, Assert.Throws<StorageConfigurationException>(() => withoutTeams.ValidateAiSpm()).SettingName);
        withTeams.ValidateAiSpm();
        var options = withTeams.GetRequiredService<AiSpm.Application.Remediation.Rotation.RotationOptions>();
        Assert.Equal((RotationMode.Approval, TimeSpan.FromHours(2.5), TimeSpan.FromDays(2)), (options.Mode, options.ConsumerWait, options.ApprovalTimeout));
        Assert.Equal(new Uri("https://func-aispm.azurewebsites.net/"), options.LinkBase);

        using var behindFrontDoor = Build(new() { [AppSettingNames.PublicUrl] = "https://security.contoso.com/aispm", [AppSettingNames.PlatformHostName] = "func-aispm.azurewebsites.net" });
        Assert.Equal(new Uri("https://security.contoso.com/aispm/"), behindFrontDoor.GetRequiredService<AiSpm.Application.Remediation.Rotation.RotationOptions>().LinkBase);
    }

    [Fact]
    public void A_teams_webhook_turns_on_the_notifier()
    {
        using var services = Build(new() { [TeamsNotifierOptions.WebhookSetting] = "https://prod-00.westeurope.logic.azure.com/workflows/x/triggers/manual/paths/invoke?sig=abc" });

        Assert.NotNull(services.GetService<TeamsNotifier>());
    }

    [Theory]
    [InlineData(AppSettingNames.RotationMode, "Off,Auto")]
    [InlineData(AppSettingNames.RotationMode, "2")]
    [InlineData(AppSettingNames.GraphEnabled, "maybe")]
    [InlineData(AppSettingNames.SubscriptionsPerShard, "0")]
    [InlineData(AppSettingNames.Subscriptions, "not-a-guid")]
    [InlineData(AppSettingNames.KeyVaultUri, "http://kv.example")]
    [InlineData(AppSettingNames.ArmEndpoint, "management.azure.com")]
    [InlineData(AppSettingNames.StorageTimeoutSeconds, "-1")]
    [InlineData(AppSettingNames.RotationMode, "auto")]
    [InlineData(AppSettingNames.ClientId, "uami-aispm")]
    [InlineData(AppSettingNames.OwnObjectId, "12345")]
    [InlineData(AppSettingNames.ApiTimeoutSeconds, "301")]
    [InlineData(AppSettingNames.RuleDocsUrl, "docs/rules")]
    [InlineData("AzureWebJobsStorage:credential", "password")]
    [InlineData("AzureWebJobsStorage:clientId", "not-a-guid")]
    public void A_bad_setting_is_one_error_naming_it(string setting, string value)
    {
        var error = Assert.ThrowsAny<Exception>(() =>
        {
            using var services = Build(new() { [setting.Replace("__", ":", StringComparison.Ordinal)] = value });
            services.ValidateAiSpm();
        });

        var message = error is OptionsValidationException validation ? string.Join(" ", validation.Failures) : error.Message;
        Assert.Contains(setting.Replace(":", "__", StringComparison.Ordinal), message, StringComparison.Ordinal);
        Assert.True(error is StorageConfigurationException or OptionsValidationException, error.GetType().Name);
    }

    [Fact]
    public void Settings_under_aispm_prefixes_that_nothing_reads_are_named_for_a_warning()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Scan:PollerParallelism"] = "0", ["AISPM_ROTATON_MODE"] = "Auto", [AppSettingNames.RotationMode] = "Auto", ["Scan:ActivityConcurrency"] = "2",
            ["AISPM_TASK_HUB"] = "hub", ["AISPM_DEBUG"] = "true", ["Unrelated"] = "x",
        }).Build();

        Assert.Equal(["AISPM_ROTATON_MODE", "Scan__PollerParallelism"], AppSettingsCheck.UnknownSettings(configuration, ["AISPM_DEBUG"]));
    }
}
