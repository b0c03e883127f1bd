using System.Net;
using AngleSharp.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;

namespace ItStopsHere.Tests.Pages.Pledge;

/// <summary>
/// A signer's change or confirmation while the <see cref="SignatureWriter"/> is too busy to take it: the
/// writer throws <see cref="WriterBusyException"/>, and the page answers 503 with Retry-After and a plain
/// message, changing nothing; the same press a moment later works.
/// </summary>
public sealed class WriterBusyTests : IAsyncLifetime
{
    // One waiting change fills the queue, so the next is refused while the writer is held.
    private readonly SiteFactory _site = new PledgeSiteFactory().With("Pledge:Writer:QueueCapacity", "1");

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task RunAsync_WhenTheQueueIsFull_ThrowsWriterBusyException()
    {
        var writer = _site.Writer();
        await using (await HoldWriterAsync(writer))
        {
            await Assert.ThrowsAsync<WriterBusyException>(() => writer.RunAsync(_ => 0));
        }

        Assert.Equal(1, await writer.RunAsync(_ => 1));
    }

    [Fact]
    public async Task Manage_WithdrawWhileTheWriterIsBusy_Answers503AndKeepsTheSignature()
    {
        var link = PersonalLink.Create();
        await _site.Writer().AddAsync(PledgeTestData.Signature("busy.manage@example.ac.uk") with { Link = link }, CancellationToken.None);
        var client = _site.CreateBrowserLikeClient();
        var page = await client.GetHtmlAsync("/pledge/manage?token=" + link.Token);

        await using (await HoldWriterAsync(_site.Writer()))
        {
            using var refused = await client.SubmitHandlerAsync(page, "withdraw");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(10), refused.Headers.RetryAfter?.Delta);
            Assert.Contains("could not save your change", (await refused.ReadHtmlAsync()).QuerySelector("main")!.Text(), StringComparison.Ordinal);
        }

        Assert.Single(await _site.SignaturesAsync());
        using var withdrawn = await client.SubmitHandlerAsync(page, "withdraw");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Empty(await _site.SignaturesAsync());
    }

    [Fact]
    public async Task Confirm_WhileTheWriterIsBusy_Answers503AndStaysUnconfirmed()
    {
        var link = PersonalLink.Create();
        await _site.Writer().AddAsync(
            PledgeTestData.Signature("busy.confirm@example.ac.uk", status: SignatureStatus.Unconfirmed) with { Link = link }, CancellationToken.None);
        var client = _site.CreateBrowserLikeClient();
        var page = await client.GetHtmlAsync("/pledge/confirm?token=" + link.Token);

        await using (await HoldWriterAsync(_site.Writer()))
        {
            using var refused = await client.SubmitHandlerAsync(page, null);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(TimeSpan.FromSeconds(10), refused.Headers.RetryAfter?.Delta);
            var shown = await refused.ReadHtmlAsync();
            Assert.Contains("could not confirm your signature", shown.QuerySelector("[data-error-summary]")!.Text(), StringComparison.Ordinal);
            Assert.NotNull(shown.QuerySelector("main form"));
        }

        Assert.Equal(SignatureStatus.Unconfirmed, Assert.Single(await _site.SignaturesAsync()).Status);
        using var confirmed = await client.SubmitHandlerAsync(page, null);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal(SignatureStatus.Published, Assert.Single(await _site.SignaturesAsync()).Status);
    }

    [Fact]
    public async Task Moderation_HideWhileTheWriterIsBusy_Answers503WithRetryAfter_AndChangesNothing()
    {
        var signature = await _site.AddSignatureAsync("busy.moderation@example.ac.uk");
        var moderator = await _site.StaffClientAsync(StaffRoles.Moderator);
        await moderator.GetHtmlAsync(ModerationTestData.ConfirmPath("hide", signature.SignatureId!.Value));

        await using (await HoldWriterAsync(_site.Writer()))
        {
            using var refused = await moderator.ConfirmAsync("hide", [signature.SignatureId.Value], new Dictionary<string, string?> { ["Input.Reason"] = "Spam or advertising" });

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal(SigningResult.BusyRetryAfter, refused.Headers.RetryAfter?.Delta);
            Assert.Contains("The site is very busy", (await refused.ReadHtmlAsync()).QuerySelector("main")!.Text(), StringComparison.Ordinal);
        }

        Assert.Equal(SignatureStatus.Published, (await _site.SignatureAsync(signature.SignatureId.Value))!.Status);
    }

    /// <summary>Holds the writer inside one change and fills its one-place queue; disposing lets both finish.</summary>
    private static async Task<IAsyncDisposable> HoldWriterAsync(SignatureWriter writer)
    {
        var release = new ManualResetEventSlim();
        using var started = new SemaphoreSlim(0);
        var blocker = writer.RunAsync(_ =>
        {
            started.Release();
            release.Wait(TimeSpan.FromSeconds(30));
            return 0;
        });
        Assert.True(await started.WaitAsync(TimeSpan.FromSeconds(30)), "The writer never started the blocking change.");
        var filler = writer.RunAsync(_ => 0);
        return new Hold(release, blocker, filler);
    }

    private sealed class Hold(ManualResetEventSlim release, Task blocker, Task filler) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            release.Set();
            await blocker;
            await filler;
            release.Dispose();
        }
    }
}
