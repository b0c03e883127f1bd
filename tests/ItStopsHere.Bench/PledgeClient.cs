using System.Net;
using ItStopsHere.Tests.Support;

namespace ItStopsHere.Bench;

/// <summary>
/// One virtual signer, as a browser would be: it GETs <c>/pledge</c> for its antiforgery cookie and the
/// form's hidden fields (read with AngleSharp by the tests' <see cref="PledgePost"/>, linked into this project), then POSTs the form with a
/// new email address. A form is good for one signing only, so every signing after the first GETs a
/// fresh form first, as a person signing again would; a signing's time includes that GET.
/// A success is the redirect to the thank-you page.
/// The app runs as in production, behind a TLS proxy: requests say <c>X-Forwarded-Proto: https</c>
/// (believed because loopback is configured as a known proxy), so its cookies are <c>Secure</c>; they
/// are carried by hand because <see cref="CookieContainer"/> will not send a Secure cookie over http.
/// </summary>
public sealed class PledgeClient : IDisposable
{
    private static long _sequence;
    private readonly HttpClient _client;
    private List<KeyValuePair<string, string>>? _hidden;
    private readonly string _runId;

    private PledgeClient(HttpClient client, string runId)
    {
        _client = client;
        _runId = runId;
    }

    public static async Task<PledgeClient> CreateAsync(Uri root, string runId)
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
        };
        var client = new HttpClient(handler) { BaseAddress = root, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        var signer = new PledgeClient(client, runId);
        using var page = await client.GetAsync(PledgePost.Path);
        page.EnsureSuccessStatusCode();
        PledgePost.KeepCookies(client, page);
        signer._hidden = await PledgePost.HiddenFieldsAsync(page);
        return signer;
    }

    /// <summary>
    /// Signs once. Not cancellable on purpose: a post in flight always finishes and is counted, so the
    /// acknowledged count can be compared with the database exactly.
    /// </summary>
    public async Task<bool> SignAsync()
    {
        var n = Interlocked.Increment(ref _sequence);
        // The form from CreateAsync serves the first signing only, even when signings overlap.
        var hidden = Interlocked.Exchange(ref _hidden, null);
        if (hidden is null)
        {
            using var page = await _client.GetAsync(PledgePost.Path, CancellationToken.None);
            if (!page.IsSuccessStatusCode)
            {
                return false;
            }

            hidden = await PledgePost.HiddenFieldsAsync(page);
        }

        using var content = PledgePost.Signing(hidden, $"bench-{_runId}-{n}@example.test", "Bench Signer",
            affiliation: "student", action: "talk-about-it", nameDisplay: "first-name-and-initial");
        using var response = await _client.PostAsync(PledgePost.Path, content, CancellationToken.None);
        return PledgePost.IsThanked(response);
    }

    public void Dispose() => _client.Dispose();
}
