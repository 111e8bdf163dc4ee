using AiSpm.Application.Configuration;
using AiSpm.Connectors.Storage;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Tests.Configuration;

/// <summary>AISPM_SCAN_SCHEDULE as the Functions timer reads it: six-field NCRONTAB with names, refused when it never fires, warned when rare.</summary>
public sealed class ScanScheduleSettingTests
{
    private static IConfiguration Settings(string? schedule) =>
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AppSettingNames.ScanSchedule] = schedule }).Build();

    [Theory]
    [InlineData("0 0 */6 * * *", "2026-11-22T06:00:00Z")]
    [InlineData("30 15 9 * * MON-FRI", "2026-11-23T09:15:30Z")]
    [InlineData("0 0 12 * * SUN", "2026-11-22T12:00:00Z")]
    [InlineData("0 0 0 1 JAN *", "2027-01-01T00:00:00Z")]
    public void Six_field_schedules_with_names_are_read_in_utc(string schedule, string next)
    {
        var parsed = ScanScheduleSetting.Read(Settings(schedule), out var warning)!;

        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture),
            parsed.GetNextOccurrence(new DateTimeOffset(2026, 11, 22, 3, 17, 42, TimeSpan.Zero), TimeZoneInfo.Utc));
        Assert.True(schedule.Contains("JAN", StringComparison.Ordinal) == (warning is not null), warning);
    }

    [Theory]
    [InlineData("* * * * *", "six fields")]
    [InlineData("0 60 * * * *", "not a schedule")]
    [InlineData("0 0 0 31 2 *", "never fires")]
    [InlineData("every hour", "six fields")]
    public void A_malformed_or_never_firing_schedule_is_one_error_naming_the_setting(string schedule, string reason)
    {
        var error = Assert.Throws<StorageConfigurationException>(() => ScanScheduleSetting.Read(Settings(schedule), out _));

        Assert.Equal(AppSettingNames.ScanSchedule, error.SettingName);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_schedule_is_no_timer()
    {
        Assert.Null(ScanScheduleSetting.Read(Settings(null), out var warning));
        Assert.Null(warning);
    }
}
