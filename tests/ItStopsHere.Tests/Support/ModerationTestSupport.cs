using System.Net;
using System.Net.ServerSentEvents;
using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Support;

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
