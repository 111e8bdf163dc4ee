using AiSpm.Connectors.Storage;
using Cronos;
using Microsoft.Extensions.Configuration;

namespace AiSpm.Application.Configuration;

/// <summary>
/// Reads <c>AISPM_SCAN_SCHEDULE</c> as Azure Functions reads a timer schedule: six-field NCRONTAB
/// (<c>{second} {minute} {hour} {day} {month} {day-of-week}</c>, names such as <c>MON</c> or <c>JAN</c> allowed), UTC.
/// Parsed by Cronos. A schedule that never fires is refused; one that fires less than once a month gets a warning.
/// </summary>
public static class ScanScheduleSetting
{
    /// <summary>Longest gap between scans before the schedule gets a warning.</summary>
    public static readonly TimeSpan RareGap = TimeSpan.FromDays(31);

    /// <summary>The schedule, or null when the setting is not set.</summary>
    /// <exception cref="StorageConfigurationException">The value is not a six-field schedule, or it never fires.</exception>
    public static CronExpression? Read(IConfiguration configuration, out string? warning)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        warning = null;
        if (configuration[AppSettingNames.ScanSchedule] is not { Length: > 0 } raw)
        {
            return null;
        }

        var text = raw.Trim();
        if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length != 6)
        {
            throw new StorageConfigurationException(AppSettingNames.ScanSchedule,
                $"'{AppSettingNames.ScanSchedule}' must have six fields ({{second}} {{minute}} {{hour}} {{day}} {{month}} {{day-of-week}}, e.g. '0 0 */6 * * *'), not '{raw}'.");
        }

        CronExpression schedule;
        try
        {
            schedule = CronExpression.Parse(text, CronFormat.IncludeSeconds);
        }
        catch (CronFormatException ex)
        {
            throw new StorageConfigurationException(AppSettingNames.ScanSchedule, $"'{AppSettingNames.ScanSchedule}' is not a schedule ('{raw}'): {ex.Message}");
        }

        var now = DateTime.UtcNow;
        var occurrences = schedule.GetOccurrences(now, now.AddYears(5), fromInclusive: false).Take(3).ToList();
        if (occurrences.Count == 0)
        {
            throw new StorageConfigurationException(AppSettingNames.ScanSchedule, $"'{AppSettingNames.ScanSchedule}' '{raw}' never fires.");
        }

        var gaps = occurrences.Prepend(now).Zip(occurrences, (a, b) => b - a).ToList();
        if (occurrences.Count < 3 || gaps.Max() > RareGap)
        {
            warning = $"'{AppSettingNames.ScanSchedule}' '{raw}' fires rarely (next at {occurrences[0]:u}); scheduled scans are the safety net for missed events.";
        }

        return schedule;
    }
}
