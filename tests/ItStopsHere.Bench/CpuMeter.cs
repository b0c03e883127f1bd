using System.Globalization;

namespace ItStopsHere.Bench;

/// <summary>
/// CPU time from /proc, in seconds: of a process and the children it has reaped (a PostgreSQL
/// postmaster's backends, nginx's workers), of the process's children still running, and of the whole
/// machine. Read before and after a run, the differences say where the machine's CPU went: to the app
/// instances, the database, nginx, the benchmark's own clients, or something else on the machine (on a
/// shared machine, other work). Linux only; elsewhere every reading is 0.
/// </summary>
public static class CpuMeter
{
    // USER_HZ: /proc reports CPU time in these ticks; 100 on every Linux this runs on.
    private const double TicksPerSecond = 100;

    /// <summary>
    /// CPU seconds of <paramref name="pid"/> itself, of its children that have exited (the kernel adds
    /// them to the parent once reaped), and of its children still running. A child that exits between
    /// two readings moves from the third term to the second, so a difference still counts it once.
    /// </summary>
    public static double TreeSeconds(int pid)
    {
        var own = Stat(pid);
        if (own is null)
        {
            return 0;
        }

        var total = own.Value.Self + own.Value.Reaped;
        foreach (var child in ChildrenOf(pid))
        {
            total += Stat(child)?.Self ?? 0;
        }

        return total;
    }

    /// <summary>CPU seconds of the process alone.</summary>
    public static double ProcessSeconds(int pid) => Stat(pid)?.Self ?? 0;

    /// <summary>Busy and total CPU seconds of the whole machine, all cores (the first line of /proc/stat).</summary>
    public static (double Busy, double Total) Machine()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
                .Take(8).Select(f => double.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Sum();
            // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
            return ((total - fields[3] - fields[4]) / TicksPerSecond, total / TicksPerSecond);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    /// <summary>The parent of <paramref name="pid"/>, or null.</summary>
    public static int? ParentOf(int pid)
    {
        var fields = Fields(pid);
        return fields is null ? null : int.Parse(fields[1], CultureInfo.InvariantCulture);
    }

    private static IEnumerable<int> ChildrenOf(int pid)
    {
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var candidate)
                && ParentOf(candidate) == pid)
            {
                yield return candidate;
            }
        }
    }

    private static (double Self, double Reaped)? Stat(int pid)
    {
        var fields = Fields(pid);
        if (fields is null)
        {
            return null;
        }

        // After "pid (comm)": state ppid ... utime is field 14 of stat, so index 11 here; stime 12, cutime 13, cstime 14.
        double At(int i) => double.Parse(fields[i], CultureInfo.InvariantCulture) / TicksPerSecond;
        return (At(11) + At(12), At(13) + At(14));
    }

    // The fields after the command name (which may hold spaces and parentheses): [0] is the state.
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var end = stat.LastIndexOf(')');
            return end < 0 ? null : stat[(end + 2)..].Split(' ');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
