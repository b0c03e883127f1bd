using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace ItStopsHere.Bench;

/// <summary>
/// One virtual signer, as a browser would be: it GETs <c>/pledge</c> for its antiforgery cookie and the
/// form's hidden fields (read with AngleSharp, never scraped with a regex), then POSTs the form with a
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
        using var page = await client.GetAsync("/pledge");
        page.EnsureSuccessStatusCode();
        var cookies = page.Headers.TryGetValues("Set-Cookie", out var setCookies)
            ? setCookies.Select(c => c.Split(';', 2)[0]).ToList()
            : [];
        client.DefaultRequestHeaders.Add("Cookie", string.Join("; ", cookies));
        signer._hidden = await HiddenFieldsAsync(page);
        return signer;
    }

    private static async Task<List<KeyValuePair<string, string>>> HiddenFieldsAsync(HttpResponseMessage page)
    {
        var html = await page.Content.ReadAsStringAsync();
        var document = await new HtmlParser().ParseDocumentAsync(html);
        var form = document.QuerySelector("form.pledge-form") as IHtmlFormElement
            ?? throw new InvalidOperationException("No pledge form on /pledge.");
        var hidden = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .Select(input => new KeyValuePair<string, string>(input.Name!, input.Value))
            .ToList();
        if (!hidden.Any(h => h.Key == "__RequestVerificationToken"))
        {
            throw new InvalidOperationException("The pledge form has no antiforgery token.");
        }

        return hidden;
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
            using var page = await _client.GetAsync("/pledge", CancellationToken.None);
            if (!page.IsSuccessStatusCode)
            {
                return false;
            }

            hidden = await HiddenFieldsAsync(page);
        }

        var fields = new List<KeyValuePair<string, string>>(hidden)
        {
            new("Input.SigningAs", "individual"),
            new("Input.Name", "Bench Signer"),
            new("Input.Affiliation", "student"),
            new("Input.Email", $"bench-{_runId}-{n}@example.test"),
            new("Input.Actions", "talk-about-it"),
            new("Input.NameDisplay", "first-name-and-initial"),
            new("Input.Website", ""),
        };
        using var content = new FormUrlEncodedContent(fields);
        using var response = await _client.PostAsync("/pledge", content, CancellationToken.None);
        return response.StatusCode == HttpStatusCode.Redirect
            && response.Headers.Location?.OriginalString.StartsWith("/pledge/thank-you", StringComparison.Ordinal) == true;
    }

    public void Dispose() => _client.Dispose();
}
