using System.Runtime.InteropServices;

namespace ItStopsHere.Bench;

/// <summary>The POSIX call the benchmark needs: a higher open-file limit (SIGTERM is sent by <c>AppProcessCore</c>).</summary>
internal static partial class Native
{
    private const int RlimitNofile = 7;

    [StructLayout(LayoutKind.Sequential)]
    private struct RLimit
    {
        public ulong Current;
        public ulong Maximum;
    }

    [LibraryImport("libc", EntryPoint = "getrlimit", SetLastError = true)]
    private static partial int GetRLimit(int resource, out RLimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit", SetLastError = true)]
    private static partial int SetRLimit(int resource, in RLimit limit);

    /// <summary>
    /// Raises this process's soft open-file limit to <paramref name="wanted"/> (or the hard limit, if
    /// lower). Child processes inherit it, so the app gets the same. Returns the limit now in force.
    /// </summary>
    public static ulong RaiseOpenFileLimit(ulong wanted)
    {
        if (!OperatingSystem.IsLinux() || GetRLimit(RlimitNofile, out var limit) != 0)
        {
            return 0;
        }

        var target = Math.Min(wanted, limit.Maximum);
        if (target > limit.Current)
        {
            var raised = new RLimit { Current = target, Maximum = limit.Maximum };
            if (SetRLimit(RlimitNofile, raised) == 0)
            {
                return target;
            }
        }

        return limit.Current;
    }
}
