using System.Net;
using System.Text.Json;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Moderation;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Moderation;

public class HeldWordAndAddressRuleTests
{
    [Theory]
    [InlineData("Sam Spamword", true)]
    [InlineData("Sam SPAMWORD", true)]
    [InlineData("spamword-fan", true)]
    [InlineData("Spamwordy Example", false)]
    [InlineData("Unspamword", false)]
    [InlineData("Zoëspamword", false)]
    [InlineData("spamword2", false)]
    [InlineData("(spamword)", true)]
    [InlineData("spamwordy, then spamword", true)]
    [InlineData("Buy cheap pills now", true)]
    [InlineData("Cheap Example", false)]
    public void FindHeldWord_MatchesWholeWordsInAnyCase(string text, bool held)
    {
        string[] words = ["spamword", "cheap pills"];

        Assert.Equal(held, ModerationScreening.FindHeldWord(text, words) is not null);
    }

    [Theory]
    [InlineData("www example", true)]
    [InlineData("example.com", true)]
    [InlineData("Best Deals.shop", true)]
    [InlineData("someone@host", true)]
    [InlineData("example dot com", true)]
    [InlineData("someone (at) example", true)]
    [InlineData("J. R. Example", false)]
    [InlineData("Dr. Zoë O'Callaghan", false)]
    [InlineData("Comfort Example", false)]
    [InlineData("李华", false)]
    public void LooksLikeAddress_CatchesWebAndEmailLikeNames(string name, bool looksLike)
    {
        Assert.Equal(looksLike, ModerationScreening.LooksLikeAddress(name));
    }
}

/// <summary>The moderation mode and the auto-hold rules, through the settings page and real signings.</summary>
public sealed class ModerationRuleTests : IAsyncLifetime
{
    private readonly PledgeSiteFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task SaveSettingsAsync(string mode = "post", string words = "", string burstLimit = "1000000", string burstMinutes = "10", string goal = "2000")
    {
        var admin = await _factory.StaffClientAsync(StaffRoles.Admin);
        using var response = await admin.SubmitFormAsync("/admin/pledge-settings", new Dictionary<string, string?>
        {
            ["Input.Mode"] = mode,
            ["Input.HeldWords"] = words,
            ["Input.BurstLimit"] = burstLimit,
            ["Input.BurstMinutes"] = burstMinutes,
            ["Input.Goal"] = goal,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private async Task<Signature> SignAsync(string email, string name = "Sam Example", string detail = "MSc Nursing")
    {
        var client = _factory.CreateBrowserLikeClient();
        using var response = await client.SignAsync(PledgeTestData.ValidForm(email, name).With("Input.Detail", detail));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var normalized = email.ToLowerInvariant();
        return (await _factory.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.NormalizedEmail == normalized)));
    }

    [Fact]
    public async Task PostModeration_ByDefault_PublishesAtOnce()
    {
        var signature = await SignAsync("post.mode@example.ac.uk");

        Assert.Equal(SignatureStatus.Published, signature.Status);
        Assert.Equal(1, signature.Number);
        Assert.Equal(1, _factory.Feed().Current.Count);
    }

    [Fact]
    public async Task PreModeration_SavedOnTheSettingsPage_HoldsNewSignatures_WithoutARestart_AndIsAudited()
    {
        await SaveSettingsAsync(mode: "pre");

        var signature = await SignAsync("pre.mode@example.ac.uk");

        Assert.Equal(SignatureStatus.Held, signature.Status);
        Assert.Null(signature.Number);
        Assert.Equal(0, _factory.Feed().Current.Count);
        var entry = Assert.Single(await _factory.AuditOfActionAsync(AuditActions.PledgeSettingsChanged));
        Assert.Contains("Mode: post-moderation → pre-moderation", entry.Details, StringComparison.Ordinal);
        Assert.Contains("@", entry.ActorName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HeldWord_HoldsInPostModeration_OnlyAsAWholeWord()
    {
        await SaveSettingsAsync(words: "Spamword\ncheap pills");

        var held = await SignAsync("word.one@example.ac.uk", detail: "SPAMWORD society");
        var heldByName = await SignAsync("word.two@example.ac.uk", name: "Cheap Pills Example");
        var published = await SignAsync("word.three@example.ac.uk", name: "Spamwordy Example");

        Assert.Equal(SignatureStatus.Held, held.Status);
        Assert.Equal(SignatureStatus.Held, heldByName.Status);
        Assert.Equal(SignatureStatus.Published, published.Status);
        var entry = Assert.Single(await _factory.AuditOfActionAsync(AuditActions.PledgeSettingsChanged));
        Assert.Contains("Held words: (none) → cheap pills, Spamword", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NameThatLooksLikeAnAddress_IsHeld()
    {
        var held = await SignAsync("address.like@example.ac.uk", name: "Example dot com");
        var fine = await SignAsync("address.fine@example.ac.uk", name: "Dot Example");

        Assert.Equal(SignatureStatus.Held, held.Status);
        Assert.Equal(SignatureStatus.Published, fine.Status);
    }

    [Fact]
    public async Task Burst_MoreThanTheLimitFromOneNetwork_IsHeld()
    {
        await SaveSettingsAsync(burstLimit: "2", burstMinutes: "10");

        var first = await SignAsync("burst.one@example.ac.uk");
        var second = await SignAsync("burst.two@example.ac.uk");
        var third = await SignAsync("burst.three@example.ac.uk");

        Assert.Equal(SignatureStatus.Published, first.Status);
        Assert.Equal(SignatureStatus.Published, second.Status);
        Assert.Equal(SignatureStatus.Held, third.Status);
    }

    [Fact]
    public async Task Goal_ChangedOnTheSettingsPage_ShowsAtOnceOnThePledgeAndStats()
    {
        await SaveSettingsAsync(goal: "5000");

        var client = _factory.CreateBrowserLikeClient();
        var stats = JsonDocument.Parse(await client.GetStringAsync("/pledge/stats")).RootElement;
        var page = await client.GetHtmlAsync("/pledge");

        Assert.Equal(5000, stats.GetProperty("goal").GetInt32());
        Assert.Equal("5000", page.QuerySelector("progress[data-pledge-progress]")!.GetAttribute("max"));
        var entry = Assert.Single(await _factory.AuditOfActionAsync(AuditActions.PledgeSettingsChanged));
        Assert.Contains("Goal: 2000 → 5000", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_Invalid_Returns400WithErrorsBesideTheFields_AndChangesNothing()
    {
        var admin = await _factory.StaffClientAsync(StaffRoles.Admin);
        using var response = await admin.SubmitFormAsync("/admin/pledge-settings", new Dictionary<string, string?>
        {
            ["Input.BurstLimit"] = "none",
            ["Input.Goal"] = "0",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadHtmlAsync();
        Assert.NotNull(page.QuerySelector("[data-error-summary]"));
        Assert.NotNull(page.QuerySelector("#Input_BurstLimit-error"));
        Assert.NotNull(page.QuerySelector("#Input_Goal-error"));
        Assert.Empty(await _factory.AuditOfActionAsync(AuditActions.PledgeSettingsChanged));
    }
}
