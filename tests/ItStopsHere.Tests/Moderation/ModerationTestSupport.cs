using System.Net;
using System.Net.ServerSentEvents;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Infrastructure;
using ItStopsHere.Tests.Pledge;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Pledge;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Moderation;

/// <summary>Helpers for moderation tests: signatures straight through the writer, staff clients, the confirm step.</summary>
public static class ModerationTestData
{
    public static async Task<SignOutcome> AddSignatureAsync(this SiteFactory factory, string email, string name = "Sam Example",
        SignatureStatus status = SignatureStatus.Published, SignatoryType type = SignatoryType.Individual, string? detail = null,
        string clientHash = "hash-one-network", DateTimeOffset? signedAt = null)
    {
        var signature = PledgeTestData.Signature(email, name, type, status, signedAt: signedAt) with { Detail = detail, ClientHash = clientHash };
        var outcome = await factory.Writer().AddAsync(signature, CancellationToken.None);
        Assert.Equal(SignOutcomeKind.Added, outcome.Kind);
        return outcome;
    }

    public static async Task<HttpClient> StaffClientAsync(this SiteFactory factory, string role) =>
        await factory.SignedInClientAsync(await factory.CreateUserAsync(role));

    public static Task<Signature?> SignatureAsync(this SiteFactory factory, long id) =>
        factory.WithDbAsync(db => db.Signatures.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id));

    public static string ConfirmPath(string action, params long[] ids) =>
        $"/admin/moderation/confirm?do={action}&" + string.Join("&", ids.Select(id => $"id={id}"));

    /// <summary>Opens the confirmation page for <paramref name="action"/> on <paramref name="ids"/> and posts its form.</summary>
    public static async Task<HttpResponseMessage> ConfirmAsync(this HttpClient client, string action, long[] ids, IDictionary<string, string?>? values = null)
    {
        var page = await client.GetHtmlAsync(ConfirmPath(action, ids));
        var form = (IHtmlFormElement)(page.QuerySelector("main form[method=post]") ?? throw new InvalidOperationException("No confirmation form"));
        return await client.SubmitAsync(form, values ?? new Dictionary<string, string?>());
    }

    public static async Task<IReadOnlyList<AuditEntry>> AuditOfActionAsync(this SiteFactory factory, string action) =>
        await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == action).OrderBy(e => e.Id).ToListAsync());
}

/// <summary>An open /pledge/live response, read event by event.</summary>
public sealed class LiveEvents : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly IAsyncEnumerator<SseItem<string>> _events;

    private LiveEvents(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _events = SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator();
    }

    public static async Task<LiveEvents> OpenAsync(HttpClient client)
    {
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/pledge/live"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return new LiveEvents(response, await response.Content.ReadAsStreamAsync());
    }

    public async Task<SseItem<string>> NextOfTypeAsync(string type, TimeSpan? patience = null)
    {
        while (true)
        {
            var moved = await _events.MoveNextAsync().AsTask().WaitAsync(patience ?? TimeSpan.FromSeconds(15));
            Assert.True(moved, "The live stream ended.");
            if (_events.Current.EventType == type)
            {
                return _events.Current;
            }
        }
    }

    /// <summary>Reads count events until one carries <paramref name="expected"/> (earlier ones may still be in flight).</summary>
    public async Task NextCountAsync(long expected)
    {
        while (true)
        {
            var count = await NextOfTypeAsync("count");
            if (System.Text.Json.JsonDocument.Parse(count.Data).RootElement.GetProperty("count").GetInt64() == expected)
            {
                return;
            }
        }
    }

    public void Dispose() => _response.Dispose();
}
