using System.Diagnostics;
using System.Text;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Infrastructure;
using Xunit.Abstractions;

namespace ItStopsHere.Tests.Deployment;

/// <summary>
/// The real app, as `dotnet ItStopsHere.Web.dll`: a benchmark storage switch is accepted only in the
/// Benchmark environment. In Staging (or anywhere else) the app exits 78 before touching the database,
/// naming the setting, as Production does for its own settings (ProductionStartupTests).
/// </summary>
public sealed class BenchmarkSwitchStartupTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _folder = Directory.CreateDirectory(
        Path.Combine(Path.GetTempPath(), "itstopshere-tests", "benchmark-switch-" + Guid.NewGuid().ToString("N"))).FullName;

    [Theory]
    [InlineData("Staging", "Naive")]
    [InlineData("Development", "Off")]
    public async Task OutsideTheBenchmarkEnvironment_ABenchmarkSwitch_StopsTheAppNamingIt(string environment, string mode)
    {
        var database = Path.Combine(_folder, "site.db");
        var dll = AppProcessCore.LocateAppDll();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{AppProcessCore.FreePort()}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
        start.Environment["Email__PickupDirectory"] = Path.Combine(_folder, "mail");
        start.Environment["Retention__Enabled"] = "false";
        start.Environment["Pledge__Benchmark__StorageMode"] = mode;

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the app.");
        var said = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (said) { said.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (said) { said.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                Assert.Fail($"The app kept running in {environment} with Pledge:Benchmark:StorageMode={mode}.");
            }
        }

        string text;
        lock (said)
        {
            text = said.ToString();
        }

        output.WriteLine(text);
        Assert.Equal(ProductionReadiness.ExitCode, process.ExitCode);
        Assert.Contains($"will not start in {environment}", text, StringComparison.Ordinal);
        Assert.Contains("Pledge:Benchmark:StorageMode", text, StringComparison.Ordinal);
        Assert.Contains("accepted only in the Benchmark environment", text, StringComparison.Ordinal);
        Assert.False(File.Exists(database), "The refused app created its database.");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
