using AngleSharp.Html.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Support;

/// <summary>
/// The real app for pledge tests: the too-fast check off (its own tests switch it on) and rate limits
/// high enough that a test's many posts from one client are not refused.
/// </summary>
public class PledgeSiteFactory : SiteFactory
{
    public PledgeSiteFactory()
    {
        With("Pledge:MinimumFillTime", "00:00:00");
        With("Pledge:RateLimit:Burst", "100000");
        With("Pledge:RateLimit:PerMinute", "100000");
        With("Pledge:RateLimit:PerHour", "1000000");
        // Every test request comes from one address: keep the burst rule out of tests that are not about it.
        With("Pledge:Moderation:BurstLimit", "1000000");
    }
}

/// <summary>Builds pledge form posts and signatures for tests.</summary>
public static class PledgeTestData
{
    public static List<KeyValuePair<string, string?>> ValidForm(string email, string name = "Sam Example") =>
    [
        new("Input.SigningAs", "individual"),
        new("Input.Name", name),
        new("Input.Affiliation", "student"),
        new("Input.Detail", "MSc Nursing"),
        new("Input.Email", email),
        new("Input.Actions", "talk-about-it"),
        new("Input.Actions", "active-bystander"),
        new("Input.NameDisplay", "first-name-and-initial"),
    ];

    public static List<KeyValuePair<string, string?>> With(this List<KeyValuePair<string, string?>> form, string key, string? value)
    {
        var copy = form.Where(f => f.Key != key).ToList();
        copy.Add(new(key, value));
        return copy;
    }

    public static async Task<IHtmlFormElement> GetPledgeFormAsync(this HttpClient client)
    {
        var document = await client.GetHtmlAsync("/pledge");
        return (IHtmlFormElement)(document.QuerySelector("form.pledge-form") ?? throw new InvalidOperationException("No pledge form"));
    }

    /// <summary>GETs the form (for its antiforgery token and signed timestamp) and posts it with <paramref name="values"/>.</summary>
    public static async Task<HttpResponseMessage> SignAsync(this HttpClient client, IEnumerable<KeyValuePair<string, string?>> values)
    {
        var form = await client.GetPledgeFormAsync();
        return await client.SubmitAsync(form, values);
    }

    public static NewSignature Signature(string email, string name = "Sam Example", SignatoryType type = SignatoryType.Individual,
        SignatureStatus status = SignatureStatus.Published, NameDisplay display = NameDisplay.FullName, DateTimeOffset? signedAt = null) =>
        new()
        {
            Type = type,
            Name = name,
            Affiliation = type == SignatoryType.Individual ? Affiliation.Student : null,
            Email = email,
            Actions = PledgeActions.TalkAboutIt,
            NameDisplay = display,
            ClientHash = "hash",
            InitialStatus = status,
            SignedAt = signedAt ?? DateTimeOffset.UtcNow,
        };

    public static SignatureWriter Writer(this SiteFactory factory) => factory.Services.GetRequiredService<SignatureWriter>();

    public static PledgeFeed Feed(this SiteFactory factory) => factory.Services.GetRequiredService<PledgeFeed>();

    public static Task<List<Signature>> SignaturesAsync(this SiteFactory factory) =>
        factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Signatures));
}
