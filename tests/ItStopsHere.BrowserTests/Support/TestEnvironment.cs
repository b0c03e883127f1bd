using System.Runtime.CompilerServices;

namespace ItStopsHere.BrowserTests.Support;

internal static class TestEnvironment
{
    /// <summary>
    /// Every app the tests start (in-process or as a child process, which inherits the variable) watches
    /// its configuration and files. With inotify, dozens of apps alive at once exhaust the per-user limit
    /// of 128 watcher instances and pages fail with an IOException; polling watchers have no such limit.
    /// </summary>
#pragma warning disable CA2255 // A module initializer is the one place that runs before any test creates a host.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UsePollingFileWatchers() =>
        Environment.SetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER", "true");
}
