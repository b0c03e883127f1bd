using ItStopsHere.Web.Signing;

namespace ItStopsHere.Web.Benchmark;

/// <summary>
/// The benchmark's storage switch (<see cref="StorageModeKey"/>), fenced off: a mode other than
/// <see cref="SignatureStorageMode.Batched"/> loses or slows real signatures, so it is accepted only when
/// the environment is named <see cref="EnvironmentName"/> (as <c>tests/ItStopsHere.Bench</c> starts the
/// app) and refuses to start anywhere else, Staging and Development included, naming the setting.
/// </summary>
public static class BenchmarkStorage
{
    public const string EnvironmentName = "Benchmark";

    public const string Section = "Pledge:Benchmark";

    public const string StorageModeKey = Section + ":" + nameof(PledgeBenchmarkOptions.StorageMode);

    /// <summary>Why the configured storage mode may not be used in <paramref name="environment"/>; null when it may.</summary>
    public static string? Problem(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var value = configuration[StorageModeKey];
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (!Enum.TryParse<SignatureStorageMode>(value, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
        {
            return $"{StorageModeKey} is \"{value}\": use {string.Join(", ", Enum.GetNames<SignatureStorageMode>())}, or (outside the benchmark) remove it.";
        }

        if (mode == SignatureStorageMode.Batched || environment.IsEnvironment(EnvironmentName))
        {
            return null;
        }

        return $"{StorageModeKey} is \"{value}\": benchmark storage modes lose or slow real signatures, so they are accepted only in the "
            + $"{EnvironmentName} environment and are refused in {environment.EnvironmentName}. Remove it.";
    }

    /// <summary>
    /// Registers the benchmark's <see cref="ISignatureStore"/> when the switch asks for one and returns
    /// true; false when signatures go through the real writer. Throws, naming the setting, when the switch
    /// is set outside the <see cref="EnvironmentName"/> environment.
    /// </summary>
    public static bool AddBenchmarkStore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        if (Problem(configuration, environment) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var options = configuration.GetSection(Section).Get<PledgeBenchmarkOptions>() ?? new PledgeBenchmarkOptions();
        switch (options.StorageMode)
        {
            case SignatureStorageMode.Naive:
                services.AddSingleton<ISignatureStore, SingleCommitSignatureStore>();
                return true;
            case SignatureStorageMode.Off:
                services.AddSingleton<ISignatureStore, DiscardingSignatureStore>();
                return true;
            default:
                return false;
        }
    }
}
