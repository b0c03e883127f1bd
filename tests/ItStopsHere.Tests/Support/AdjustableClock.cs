namespace ItStopsHere.Tests.Support;

/// <summary>
/// The app's clock for tests that need time to pass (a scheduled item's time to come): real time, moved
/// forward on demand. Register it with <c>factory.WithServices(s => s.AddSingleton&lt;TimeProvider&gt;(clock))</c>.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _aheadTicks;

    public TimeSpan Ahead => TimeSpan.FromTicks(Interlocked.Read(ref _aheadTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Ahead;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _aheadTicks, by.Ticks);
}
