using System.Globalization;

namespace AiSpm.Bench.Scale;

/// <summary>
/// CPU time (user + system) of a process and every process it started, from <c>/proc/{pid}/stat</c> and
/// <c>/proc/{pid}/task/*/children</c> (Linux); 0 elsewhere. Shows which of the processes sharing the machine used the cores.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>Clock ticks per second of <c>utime</c>/<c>stime</c> (USER_HZ; 100 on every Linux this runs on).</summary>
    private const double TicksPerSecond = 100.0;

    /// <summary>Seconds of CPU used so far by <paramref name="processId"/> and its descendants.</summary>
    public static double TreeSeconds(int processId)
    {
        var total = 0.0;
        var pending = new Stack<int>();
        pending.Push(processId);
        var seen = new HashSet<int>();
        while (pending.Count > 0)
        {
            var pid = pending.Pop();
            if (!seen.Add(pid))
            {
                continue;
            }

            total += OwnSeconds(pid);
            foreach (var child in Children(pid))
            {
                pending.Push(child);
            }
        }

        return total;
    }

    private static double OwnSeconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // The command name (field 2) may hold spaces and parentheses: the fields after it start past the last ')'.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            // fields[0] is field 3 (state); utime and stime are fields 14 and 15.
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return 0;
        }
    }

    private static IEnumerable<int> Children(int pid)
    {
        var tasks = $"/proc/{pid}/task";
        if (!Directory.Exists(tasks))
        {
            return [];
        }

        var children = new List<int>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories(tasks))
            {
                var file = Path.Combine(task, "children");
                if (File.Exists(file))
                {
                    children.AddRange(File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)));
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process ended while it was read: what was read counts.
        }

        return children;
    }
}
