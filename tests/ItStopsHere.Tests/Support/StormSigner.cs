using System.Collections.Concurrent;
using System.Net;

namespace ItStopsHere.Tests.Support;

/// <summary>
/// One browser signing the pledge again and again with new addresses, recording each signing it was
/// thanked for: the storm of the crash, backup, upgrade and metrics tests (real app in a child process).
/// </summary>
internal sealed class StormSigner : IDisposable
{
    private static int _sequence;
    private static int _notThanked;
    private readonly HttpClient _client;
    private readonly Queue<List<KeyValuePair<string, string>>> _forms;
    private readonly string _label;

    private StormSigner(HttpClient client, Queue<List<KeyValuePair<string, string>>> forms, string label)
    {
        _client = client;
        _forms = forms;
        _label = label;
    }

    /// <summary>
    /// Opens the pledge page <paramref name="formsOpened"/> times before the storm (as tabs); once those
    /// forms are used, each signing opens the page again. Addresses are <c>LABEL-N@example.test</c>.
    /// </summary>
    public static async Task<StormSigner> CreateAsync(ChildApp app, string label = "ops", int formsOpened = 1)
    {
        var client = app.CreateClient();
        var forms = new Queue<List<KeyValuePair<string, string>>>();
        while (forms.Count < formsOpened)
        {
            using var page = await client.GetAsync(PledgePost.Path);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            if (forms.Count == 0)
            {
                PledgePost.KeepCookies(client, page);
            }

            forms.Enqueue(await PledgePost.HiddenFieldsAsync(page));
        }

        return new StormSigner(client, forms, label);
    }

    /// <summary>
    /// Signs until stopped; an email goes into <paramref name="thanked"/> only after its 302 to the
    /// thank-you page arrived. Anything else is not acknowledged, so nothing is promised about it: it is
    /// counted in <see cref="NotThanked"/>. (On this shared, overloaded test machine the name check's 200 ms
    /// regex timeout can fire: a 500.)
    /// </summary>
    public async Task SignUntilStoppedAsync(ConcurrentQueue<string> thanked, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var (email, refusal) = await SignOnceAsync();
            if (refusal is null)
            {
                thanked.Enqueue(email);
            }
            else
            {
                Interlocked.Increment(ref _notThanked);
            }
        }
    }

    /// <summary>
    /// Signs until stopped or the server goes away (killed: the connection is refused or cut); any answer
    /// but the thank-you fails the test.
    /// </summary>
    public async Task SignUntilServerGoneAsync(ConcurrentQueue<string> thanked, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var (email, refusal) = await SignOnceAsync();
                if (refusal is not null)
                {
                    Assert.Fail(refusal);
                }

                thanked.Enqueue(email);
            }
            catch (HttpRequestException)
            {
                return;
            }
        }
    }

    /// <summary>Signs once with a new address: the address, and why it was not thanked (null when it was).</summary>
    public async Task<(string Email, string? Refusal)> SignOnceAsync()
    {
        var email = $"{_label}-{Interlocked.Increment(ref _sequence)}@example.test";
        if (!_forms.TryDequeue(out var hidden))
        {
            using var page = await _client.GetAsync(PledgePost.Path, CancellationToken.None);
            if (page.StatusCode != HttpStatusCode.OK)
            {
                return (email, $"Opening the pledge during the storm answered {(int)page.StatusCode}.");
            }

            hidden = await PledgePost.HiddenFieldsAsync(page);
        }

        using var content = PledgePost.Signing(hidden, email, "Storm Tester");
        // Not cancelled by the test: only a kill ends a request, as it would for a real visitor.
        using var response = await _client.PostAsync(PledgePost.Path, content, CancellationToken.None);
        return PledgePost.IsThanked(response) ? (email, null) : (email, $"A signing during the storm answered {(int)response.StatusCode}.");
    }

    /// <summary>Signings answered with anything but the thank-you, across every storm in this test run.</summary>
    public static int NotThanked => Volatile.Read(ref _notThanked);

    public void Dispose() => _client.Dispose();
}
