namespace ItStopsHere.Tests.Support;

/// <summary>
/// Waits for something that happens in the background (a worker sending mail), polling a condition
/// until it holds or a generous limit passes. Tests assert outcomes, never how long they took.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static Task TrueAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, what);

    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var limit = new CancellationTokenSource(timeout ?? DefaultTimeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(25, limit.Token);
            }
            catch (OperationCanceledException)
            {
                if (await condition())
                {
                    return;
                }

                Assert.Fail($"Gave up waiting for {what ?? "the condition"}.");
            }
        }
    }
}
