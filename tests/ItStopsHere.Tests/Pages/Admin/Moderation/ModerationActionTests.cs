using System.Net;
using System.Text.Json;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;

namespace ItStopsHere.Tests.Pages.Admin.Moderation;

/// <summary>Approve, hide, restore and delete, single and in bulk, through the confirmation page.</summary>
public sealed class ModerationActionTests : IAsyncLifetime
{
    private readonly PledgeSiteFactory _factory = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Hide_Single_ConfirmationListsIt_ThenTakesItDownKeepingItsNumber_AndIsAudited()
    {
        var first = await _factory.AddSignatureAsync("hide.one@example.ac.uk", "Hana Example");
        var second = await _factory.AddSignatureAsync("hide.two@example.ac.uk", "Hugo Example");
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        var confirm = await moderator.GetHtmlAsync(ModerationTestData.ConfirmPath("hide", first.SignatureId!.Value));
        Assert.Contains("Hana Example", confirm.QuerySelector("[data-list=will-change]").Text(), StringComparison.Ordinal);
        Assert.Equal(SignatureStatus.Published, (await _factory.SignatureAsync(first.SignatureId.Value))!.Status);

        using var response = await moderator.ConfirmAsync("hide", [first.SignatureId.Value], new Dictionary<string, string?> { ["Input.Reason"] = "Spam or advertising" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var hidden = (await _factory.SignatureAsync(first.SignatureId.Value))!;
        Assert.Equal(SignatureStatus.Hidden, hidden.Status);
        Assert.Equal(1, hidden.Number);
        var snapshot = _factory.Feed().Current;
        Assert.Equal(1, snapshot.Count);
        Assert.DoesNotContain(snapshot.Latest, s => s.Number == 1);
        Assert.Contains(snapshot.Latest, s => s.Number == second.Number);
        var entry = Assert.Single(await _factory.AuditFor(first.SignatureId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(AuditActions.SignatureHidden, entry.Action);
        Assert.Contains("Reason: Spam or advertising", entry.Details, StringComparison.Ordinal);
        Assert.Contains("was Published", entry.Details, StringComparison.Ordinal);
        Assert.EndsWith("@example.ac.uk", entry.ActorName, StringComparison.Ordinal);
        Assert.NotNull(entry.ActorId);
        Assert.DoesNotContain("Hana", entry.Details, StringComparison.Ordinal);
        var publicList = await _factory.CreateClient().GetStringAsync("/pledge/signatures");
        Assert.DoesNotContain("Hana E.", publicList, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hide_WithoutAReason_Returns400WithTheErrorBesideTheChoice_AndChangesNothing()
    {
        var signature = await _factory.AddSignatureAsync("hide.noreason@example.ac.uk");
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        using var response = await moderator.ConfirmAsync("hide", [signature.SignatureId!.Value]);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = await response.ReadHtmlAsync();
        Assert.Contains("Choose why you are hiding", page.QuerySelector("[data-error-summary]").Text(), StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("#Input_Reason-error"));
        Assert.Equal(SignatureStatus.Published, (await _factory.SignatureAsync(signature.SignatureId.Value))!.Status);
    }

    [Fact]
    public async Task Hide_WithAFreeTextReason_RecordsIt()
    {
        var signature = await _factory.AddSignatureAsync("hide.other@example.ac.uk");
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        using var response = await moderator.ConfirmAsync("hide", [signature.SignatureId!.Value],
            new Dictionary<string, string?> { ["Input.Reason"] = "other", ["Input.OtherReason"] = "Duplicate of a paper pledge" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var entry = Assert.Single(await _factory.AuditOfActionAsync(AuditActions.SignatureHidden));
        Assert.Contains("Reason: Duplicate of a paper pledge", entry.Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_Held_PublishesWithTheNextNumber_AndIsAudited()
    {
        await _factory.AddSignatureAsync("approve.first@example.ac.uk");
        var held = await _factory.AddSignatureAsync("approve.held@example.ac.uk", "Held Example", SignatureStatus.Held);
        await _factory.AddSignatureAsync("approve.second@example.ac.uk");
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        var queue = await moderator.GetHtmlAsync("/admin/moderation");
        Assert.NotNull(queue.QuerySelector($"tr[data-signature='{held.SignatureId}']"));
        Assert.Equal(1, queue.QuerySelectorAll("tbody tr[data-signature]").Length);

        using var response = await moderator.ConfirmAsync("approve", [held.SignatureId!.Value]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin/moderation", response.Headers.Location?.OriginalString);
        var approved = (await _factory.SignatureAsync(held.SignatureId.Value))!;
        Assert.Equal(SignatureStatus.Published, approved.Status);
        Assert.Equal(3, approved.Number);
        Assert.Equal(3, _factory.Feed().Current.Count);
        Assert.Equal(AuditActions.SignatureApproved, Assert.Single(await _factory.AuditOfActionAsync(AuditActions.SignatureApproved)).Action);
        var after = await moderator.GetHtmlAsync("/admin/moderation");
        Assert.Empty(after.QuerySelectorAll("tbody tr[data-signature]"));
        Assert.Contains("1 signature was approved", after.QuerySelector("[role=status]").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restore_Hidden_PublishesAgainWithItsOldNumber()
    {
        var signature = await _factory.AddSignatureAsync("restore@example.ac.uk");
        await _factory.AddSignatureAsync("restore.later@example.ac.uk");
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);
        using (await moderator.ConfirmAsync("hide", [signature.SignatureId!.Value], new Dictionary<string, string?> { ["Input.Reason"] = "Not a real name" })) { }
        Assert.Equal(1, _factory.Feed().Current.Count);

        using var response = await moderator.ConfirmAsync("restore", [signature.SignatureId.Value]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var restored = (await _factory.SignatureAsync(signature.SignatureId.Value))!;
        Assert.Equal(SignatureStatus.Published, restored.Status);
        Assert.Equal(1, restored.Number);
        Assert.Equal(2, _factory.Feed().Current.Count);
        Assert.Single(await _factory.AuditOfActionAsync(AuditActions.SignatureRestored));
    }

    [Fact]
    public async Task Delete_ErasesThePersonalData_AndTheNumberStaysAGap()
    {
        var signature = await _factory.AddSignatureAsync("delete.me@example.ac.uk", "Dana Example");
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);
        using (await moderator.ConfirmAsync("hide", [signature.SignatureId!.Value], new Dictionary<string, string?> { ["Input.Reason"] = "Signer asked for it to be taken down" })) { }

        using var response = await moderator.ConfirmAsync("delete", [signature.SignatureId.Value],
            new Dictionary<string, string?> { ["Input.OtherReason"] = "Erasure request" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Null(await _factory.SignatureAsync(signature.SignatureId.Value));
        var next = await _factory.AddSignatureAsync("after.delete@example.ac.uk");
        Assert.Equal(2, next.Number);
        var entry = Assert.Single(await _factory.AuditOfActionAsync(AuditActions.SignatureDeleted));
        Assert.Contains("number 1", entry.Details, StringComparison.Ordinal);
        Assert.Contains("Erasure request", entry.Details, StringComparison.Ordinal);
        var everything = string.Join(" ", (await _factory.AllAuditAsync()).Select(e => e.Details));
        Assert.DoesNotContain("Dana", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("delete.me", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bulk_FromTheList_ConfirmationListsWhatChangesAndWhatIsSkipped_ThenChangesThemAll()
    {
        var a = await _factory.AddSignatureAsync("bulk.a@example.ac.uk", "Alma Bulk");
        var b = await _factory.AddSignatureAsync("bulk.b@example.ac.uk", "Boris Bulk");
        var held = await _factory.AddSignatureAsync("bulk.c@example.ac.uk", "Cleo Bulk", SignatureStatus.Held);
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        var list = await moderator.GetHtmlAsync("/admin/moderation/signatures?q=Bulk");
        var boxes = list.QuerySelectorAll("input[type=checkbox][name=id]").Select(e => e.GetAttribute("value")).ToList();
        Assert.Equal(3, boxes.Count);
        Assert.NotNull(list.QuerySelector("button[name=do][value=hide]"));
        Assert.Equal("/admin/moderation/confirm", list.QuerySelector("form.form[method=get]")!.GetAttribute("action"));

        var ids = new[] { a.SignatureId!.Value, b.SignatureId!.Value, held.SignatureId!.Value };
        var confirm = await moderator.GetHtmlAsync(ModerationTestData.ConfirmPath("approve", ids));
        Assert.Equal(1, confirm.QuerySelectorAll("[data-list=will-change] tbody tr").Length);
        Assert.Equal(2, confirm.QuerySelectorAll("[data-list=will-skip] tbody tr").Length);

        using var response = await moderator.ConfirmAsync("hide", ids, new Dictionary<string, string?> { ["Input.Reason"] = "Offensive or abusive" });

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        foreach (var id in ids)
        {
            Assert.Equal(SignatureStatus.Hidden, (await _factory.SignatureAsync(id))!.Status);
        }

        Assert.Equal(0, _factory.Feed().Current.Count);
        Assert.Equal(3, (await _factory.AuditOfActionAsync(AuditActions.SignatureHidden)).Count);

        using var deleted = await moderator.ConfirmAsync("delete", ids);
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Empty(await _factory.SignaturesAsync());
        Assert.Equal(3, (await _factory.AuditOfActionAsync(AuditActions.SignatureDeleted)).Count);
    }

    [Fact]
    public async Task Bulk_ConfirmationStep_ChangesNothingOnItsOwn()
    {
        var signature = await _factory.AddSignatureAsync("get.only@example.ac.uk");
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        using var response = await moderator.GetAsync(ModerationTestData.ConfirmPath("delete", signature.SignatureId!.Value));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(await _factory.SignatureAsync(signature.SignatureId.Value));
    }

    [Fact]
    public async Task Hide_OpenLiveStreams_GetARemovedEventAndTheNewCount()
    {
        var signature = await _factory.AddSignatureAsync("live.hide@example.ac.uk");
        await _factory.AddSignatureAsync("live.stays@example.ac.uk");
        using var live = await LiveEvents.OpenAsync(_factory.CreateClient());
        await live.NextOfTypeAsync("count");
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        using (await moderator.ConfirmAsync("hide", [signature.SignatureId!.Value], new Dictionary<string, string?> { ["Input.Reason"] = "Not a real name" })) { }

        var removed = await live.NextOfTypeAsync("removed");
        Assert.Equal(signature.Number, JsonDocument.Parse(removed.Data).RootElement.GetProperty("number").GetInt64());
        var count = await live.NextOfTypeAsync("count");
        Assert.Equal(1, JsonDocument.Parse(count.Data).RootElement.GetProperty("count").GetInt64());
    }

    [Fact]
    public async Task List_FiltersByStatusTypeActionDateAndText_AndNeverShowsEmails()
    {
        await _factory.AddSignatureAsync("filter.person@example.ac.uk", "Priya Filter", detail: "History society");
        await _factory.AddSignatureAsync("filter.team@example.ac.uk", "Estates Team", type: SignatoryType.Team);
        await _factory.AddSignatureAsync("filter.held@example.ac.uk", "Held Filter", SignatureStatus.Held);
        await _factory.AddSignatureAsync("filter.old@example.ac.uk", "Old Filter", signedAt: new DateTimeOffset(2025, 1, 10, 12, 0, 0, TimeSpan.Zero));
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        async Task<List<string>> Names(string query) =>
            (await moderator.GetHtmlAsync("/admin/moderation/signatures" + query)).QuerySelectorAll("tbody tr[data-signature] td[id^=name-] bdi").Select(e => e.TextContent).ToList();

        Assert.Equal(4, (await Names("")).Count);
        Assert.Equal(["Held Filter"], await Names("?status=held"));
        Assert.Equal(["Estates Team"], await Names("?type=team"));
        Assert.Equal(["Priya Filter"], await Names("?q=history"));
        // Case never matters, on either database (PostgreSQL's LIKE alone would miss both).
        Assert.Equal(["Priya Filter"], await Names("?q=PRIYA%20f"));
        Assert.Equal(["Old Filter"], await Names("?from=2025-01-01&to=2025-01-31"));
        Assert.Equal(4, (await Names("?action=talkAboutIt")).Count);
        Assert.Empty(await Names("?action=frontlineTraining"));
        var html = await moderator.GetStringAsync("/admin/moderation/signatures");
        foreach (var localPart in new[] { "filter.person", "filter.team", "filter.held", "filter.old" })
        {
            Assert.DoesNotContain(localPart, html, StringComparison.OrdinalIgnoreCase);
        }

        using var bad = await moderator.GetAsync("/admin/moderation/signatures?from=2025-02-01&to=2025-01-01");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task List_IsKeysetPaged_NewestFirst()
    {
        for (var i = 0; i < 55; i++)
        {
            await _factory.AddSignatureAsync($"page.{i}@example.ac.uk", "Page Example");
        }

        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);
        var first = await moderator.GetHtmlAsync("/admin/moderation/signatures");
        var firstIds = first.QuerySelectorAll("tbody tr[data-signature]").Select(e => long.Parse(e.GetAttribute("data-signature")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var older = first.QuerySelector("a[data-older]")!.GetAttribute("href")!;
        var second = await moderator.GetHtmlAsync(older);
        var secondIds = second.QuerySelectorAll("tbody tr[data-signature]").Select(e => long.Parse(e.GetAttribute("data-signature")!, System.Globalization.CultureInfo.InvariantCulture)).ToList();

        Assert.Equal(50, firstIds.Count);
        Assert.Equal(5, secondIds.Count);
        Assert.Equal(firstIds.OrderByDescending(i => i), firstIds);
        Assert.True(secondIds.Max() < firstIds.Min());
        Assert.Null(second.QuerySelector("a[data-older]"));
    }

    [Fact]
    public async Task Get_Confirm_WithNothingTicked_SaysWhatToDoWithoutLinksToMissingFields()
    {
        var moderator = await _factory.StaffClientAsync(StaffRoles.Moderator);

        var confirm = await moderator.GetHtmlAsync("/admin/moderation/confirm?do=hide");

        var summary = confirm.QuerySelector("[data-error-summary]")!;
        Assert.Contains("Tick at least one signature", summary.Text(), StringComparison.Ordinal);
        Assert.All(summary.QuerySelectorAll("a[href^='#']"), link => Assert.NotNull(confirm.QuerySelector(link.GetAttribute("href")!)));
    }
}
