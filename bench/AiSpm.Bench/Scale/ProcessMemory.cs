using System.Globalization;

namespace AiSpm.Bench.Scale;

/// <summary>Resident memory of this process from <c>/proc/self/status</c> (Linux); 0 elsewhere.</summary>
internal static class ProcessMemory
{
    /// <summary>Current resident set (VmRSS), MiB.</summary>
    public static double RssMiB() => Read("VmRSS:");

    /// <summary>Peak resident set since start or the last <see cref="TryResetPeak"/> (VmHWM), MiB.</summary>
    public static double PeakMiB() => Read("VmHWM:");

    /// <summary>Peak resident set (VmHWM) of another process, MiB; 0 where /proc is not there.</summary>
    public static double PeakMiB(int processId) => Read("VmHWM:", $"/proc/{processId}/status");

    /// <summary>
    /// Resets VmHWM to the current RSS by writing 5 to <c>/proc/self/clear_refs</c>, so each measured phase gets its own
    /// peak. Returns false when the kernel or the sandbox does not allow it (the peak then spans the whole process).
    /// </summary>
    public static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Collects garbage fully so the RSS read next is the live set, not pending garbage.</summary>
    public static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private static double Read(string field, string status = "/proc/self/status")
    {
        if (!File.Exists(status))
        {
            return 0;
        }

        foreach (var line in File.ReadLines(status))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kb = line[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) / 1024.0;
            }
        }

        return 0;
    }
}
