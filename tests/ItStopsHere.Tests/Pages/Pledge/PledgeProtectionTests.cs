using System.Net;
using AngleSharp.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Signing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Pages.Pledge;

/// <summary>The spam and overload rules, each with the settings that switch it on.</summary>
public class PledgeProtectionTests
{
    [Fact]
    public async Task Post_FasterThanMinimumFillTime_IsRejectedWithFriendlyRetry()
    {
        await using var factory = new PledgeSiteFactory().With("Pledge:MinimumFillTime", "01:00:00");
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.SignAsync(PledgeTestData.ValidForm("fast@example.ac.uk", "Speedy Example"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.Contains("quicker than we expected", document.QuerySelector("[data-error-summary]").Text(), StringComparison.Ordinal);
        Assert.Equal("Speedy Example", document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#name")!.Value);
        Assert.Empty(await factory.SignaturesAsync());
    }

    [Fact]
    public async Task Post_AfterMinimumFillTime_IsAccepted()
    {
        await using var factory = new PledgeSiteFactory().With("Pledge:MinimumFillTime", "00:00:00.300");
        var client = factory.CreateBrowserLikeClient();
        var form = await client.GetPledgeFormAsync();

        await Task.Delay(400);
        using var response = await client.SubmitAsync(form, PledgeTestData.ValidForm("patient@example.ac.uk"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Post_OverRateLimit_Gets429PageSayingWhenToRetry_WhileReadingStillWorks()
    {
        await using var factory = new PledgeSiteFactory()
            .With("Pledge:RateLimit:Burst", "3")
            .With("Pledge:RateLimit:PerMinute", "1")
            .With("Pledge:RateLimit:PerHour", "100");
        var client = factory.CreateBrowserLikeClient();
        for (var i = 0; i < 3; i++)
        {
            using var ok = await client.SignAsync(PledgeTestData.ValidForm($"limit{i}@example.ac.uk"));
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        using var limited = await client.SignAsync(PledgeTestData.ValidForm("limit-over@example.ac.uk"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        var retryAfter = limited.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        var page = await limited.ReadHtmlAsync();
        Assert.Equal("Too many attempts", page.QuerySelector("h1").Text());
        Assert.Matches("Please (wait \\d+ seconds|try again after \\d\\d:\\d\\d)", page.QuerySelector(".lead").Text());
        Assert.Equal(3, (await factory.SignaturesAsync()).Count);
        using var reading = await client.GetAsync("/pledge");
        Assert.Equal(HttpStatusCode.OK, reading.StatusCode);
    }

    [Fact]
    public async Task Post_WithTwoInstancesConfigured_EachInstanceAllowsHalfTheBurst()
    {
        // Behind a proxy spreading requests over two instances, each counting alone would let 2 x 4 through.
        await using var factory = new PledgeSiteFactory()
            .With("Deployment:Instances", "2")
            .With("Pledge:RateLimit:Burst", "4")
            .With("Pledge:RateLimit:PerMinute", "1")
            .With("Pledge:RateLimit:PerHour", "100");
        var client = factory.CreateBrowserLikeClient();
        for (var i = 0; i < 2; i++)
        {
            using var ok = await client.SignAsync(PledgeTestData.ValidForm($"share{i}@example.ac.uk"));
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        using var limited = await client.SignAsync(PledgeTestData.ValidForm("share-over@example.ac.uk"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(2, (await factory.SignaturesAsync()).Count);
    }

    [Theory]
    [InlineData(1, 60, 60, 1000, 60, 60, 1000)]
    [InlineData(3, 60, 60, 1000, 20, 20, 334)]
    [InlineData(4, 3, 1, 2, 1, 1, 1)]
    public void RateLimit_PerInstance_IsTheLimitDividedByInstancesRoundedUp_AtLeastOne(
        int instances, int burst, int perMinute, int perHour, int shareBurst, int sharePerMinute, int sharePerHour)
    {
        var share = PledgeSigningRateLimit.PerInstance(
            new PledgeRateLimitOptions { Burst = burst, PerMinute = perMinute, PerHour = perHour },
            new ItStopsHere.Web.Infrastructure.DeploymentOptions { Instances = instances });

        Assert.Equal((shareBurst, sharePerMinute, sharePerHour), (share.Burst, share.PerMinute, share.PerHour));
    }

    [Fact]
    public async Task Post_HourlyLimitReached_Gets429WithLongerRetry()
    {
        await using var factory = new PledgeSiteFactory()
            .With("Pledge:RateLimit:Burst", "100")
            .With("Pledge:RateLimit:PerMinute", "100")
            .With("Pledge:RateLimit:PerHour", "2");
        var client = factory.CreateBrowserLikeClient();
        for (var i = 0; i < 2; i++)
        {
            using var ok = await client.SignAsync(PledgeTestData.ValidForm($"hour{i}@example.ac.uk"));
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }

        using var limited = await client.SignAsync(PledgeTestData.ValidForm("hour-over@example.ac.uk"));

        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.FromSeconds(60));
        Assert.Contains("try again after", (await limited.ReadHtmlAsync()).QuerySelector(".lead").Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WhenStoreIsBusy_Answers503WithRetryAfterAndKeepsInput()
    {
        await using var factory = new PledgeSiteFactory();
        using var busy = factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.AddSingleton<ISignatureStore>(new FixedOutcomeStore(SignOutcome.Busy))));
        var client = busy.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
        });

        using var response = await client.SignAsync(PledgeTestData.ValidForm("busy@example.ac.uk", "Patient Person"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        var document = await response.ReadHtmlAsync();
        Assert.Contains("So many people are signing right now", document.QuerySelector("[data-error-summary]").Text(), StringComparison.Ordinal);
        Assert.Equal("Patient Person", document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#name")!.Value);
    }

    [Fact]
    public async Task Post_WithHoldNewSignatures_IsHeldUnnumberedAndNotCounted()
    {
        await using var factory = new PledgeSiteFactory().With("Pledge:HoldNewSignatures", "true");
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.SignAsync(PledgeTestData.ValidForm("held@example.ac.uk", "Held Example"));
        var thanks = await client.GetHtmlAsync(response.Headers.Location!.ToString());

        Assert.Contains("once our team has checked it", thanks.QuerySelector(".confirmation").Text(), StringComparison.Ordinal);
        var row = Assert.Single(await factory.SignaturesAsync());
        Assert.Equal(SignatureStatus.Held, row.Status);
        Assert.Null(row.Number);
        Assert.Equal(0, factory.Feed().Current.Count);
        var pledge = await client.GetHtmlAsync("/pledge");
        Assert.DoesNotContain("Held E", pledge.Body.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_StoresOnlyAKeyedHashOfTheClientAddress()
    {
        await using var factory = new PledgeSiteFactory();
        var client = factory.CreateBrowserLikeClient();

        using (await client.SignAsync(PledgeTestData.ValidForm("hash@example.ac.uk"))) { }

        var row = Assert.Single(await factory.SignaturesAsync());
        Assert.Matches("^[A-Za-z0-9_-]{22}$", row.ClientHash!);
        var hasher = factory.Services.GetRequiredService<ClientHasher>();
        Assert.Equal(hasher.Hash(null), row.ClientHash);
        Assert.NotEqual("unknown", row.ClientHash);
    }

    private sealed class FixedOutcomeStore(SignOutcome outcome) : ISignatureStore
    {
        public Task<SignOutcome> AddAsync(NewSignature signature, CancellationToken cancellationToken) => Task.FromResult(outcome);
    }

    [Fact]
    public async Task Post_SameFormAgainWithAnotherAddress_IsRefusedWithAFriendlyMessageAndAFreshForm()
    {
        await using var factory = new PledgeSiteFactory();
        var client = factory.CreateBrowserLikeClient();
        var form = await client.GetPledgeFormAsync();

        using var first = await client.SubmitAsync(form, PledgeTestData.ValidForm("first.replay@example.ac.uk"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        // A double tap on "Sign the pledge" sends the same form with the same address: the same answer, nothing added.
        using var doubleTap = await client.SubmitAsync(form, PledgeTestData.ValidForm(" First.Replay@example.ac.uk"));
        Assert.Equal(HttpStatusCode.Redirect, doubleTap.StatusCode);

        using var replay = await client.SubmitAsync(form, PledgeTestData.ValidForm("second.replay@example.ac.uk"));

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        var document = await replay.ReadHtmlAsync();
        Assert.Contains("This form has already been used to sign the pledge", document.QuerySelector("[data-error-summary]").Text(), StringComparison.Ordinal);
        Assert.Equal("second.replay@example.ac.uk", document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#email")!.Value);
        Assert.Single(await factory.SignaturesAsync());
        using (var third = await client.SubmitAsync(form, PledgeTestData.ValidForm("third.replay@example.ac.uk")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        }

        // The refusal's page carries a fresh form: pressing the button again signs.
        var fresh = (AngleSharp.Html.Dom.IHtmlFormElement)document.QuerySelector("form.pledge-form")!;
        using var again = await client.SubmitAsync(fresh, []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(
            ["first.replay@example.ac.uk", "second.replay@example.ac.uk"],
            (await factory.SignaturesAsync()).Select(r => r.NormalizedEmail).Order());
    }

    [Fact]
    public async Task Post_FormShownAgainForAMistake_CanBeCorrectedAndSent()
    {
        await using var factory = new PledgeSiteFactory().With("Pledge:MinimumFillTime", "00:00:00.300");
        var client = factory.CreateBrowserLikeClient();
        var form = await client.GetPledgeFormAsync();
        await Task.Delay(400);

        using var mistake = await client.SubmitAsync(form, PledgeTestData.ValidForm("correcting@example.ac.uk").With("Input.Name", ""));
        Assert.Equal(HttpStatusCode.BadRequest, mistake.StatusCode);
        var shownAgain = (AngleSharp.Html.Dom.IHtmlFormElement)(await mistake.ReadHtmlAsync()).QuerySelector("form.pledge-form")!;
        var token = shownAgain.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Single(i => i.Name == "Input.FormToken").Value;
        Assert.NotEqual(form.Elements.OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Single(i => i.Name == "Input.FormToken").Value, token);

        // Corrected at once: not "too fast", because the form keeps the time it was first served.
        using var corrected = await client.SubmitAsync(shownAgain, [new("Input.Name", "Corrected Example")]);

        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        Assert.Equal("Corrected Example", Assert.Single(await factory.SignaturesAsync()).Name);
    }
}
