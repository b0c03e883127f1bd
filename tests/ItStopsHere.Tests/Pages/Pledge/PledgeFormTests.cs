using System.Net;
using AngleSharp.Dom;
using ItStopsHere.Tests.Support;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Tests.Pages.Pledge;

public class PledgeFormTests(PledgeSiteFactory factory) : IClassFixture<PledgeSiteFactory>
{
    [Fact]
    public async Task Get_Pledge_ShowsPledgeTextCountFormAndPrivacyLink()
    {
        var client = factory.CreateBrowserLikeClient();

        var document = await client.GetHtmlAsync("/pledge");

        Assert.Equal("Sign the pledge – It Stops Here", document.Title);
        Assert.Contains("I pledge to be an ambassador for change by:", document.Body.Text(), StringComparison.Ordinal);
        Assert.NotNull(document.QuerySelector("[data-pledge-count]"));
        Assert.NotNull(document.QuerySelector("progress[data-pledge-progress][max='2000']"));
        foreach (var name in new[] { "Input.SigningAs", "Input.Name", "Input.Affiliation", "Input.Detail", "Input.Email", "Input.Actions", "Input.NameDisplay", "Input.Website", "Input.FormToken", "__RequestVerificationToken" })
        {
            Assert.NotNull(document.QuerySelector($"form.pledge-form [name='{name}']"));
        }

        Assert.Equal(4, document.QuerySelectorAll("input[name='Input.Actions']").Length);
        Assert.True(document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#name-display-first-name-and-initial")!.IsChecked);
        Assert.NotNull(document.QuerySelector(".form-actions a[href='/privacy']"));
        Assert.Equal("/img/pledge-card.png", new Uri(document.QuerySelector("meta[property='og:image']")!.GetAttribute("content")!).AbsolutePath);
    }

    [Fact]
    public async Task Post_Valid_StoresOneRowAndRedirectsToThankYouWithItsNumber()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.SignAsync(PledgeTestData.ValidForm("valid.one@example.ac.uk", "Madeleine Example"));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.StartsWith("/pledge/thank-you?r=", location, StringComparison.Ordinal);
        var rows = await factory.WithDbAsync(db => db.Signatures.Where(s => s.NormalizedEmail == "valid.one@example.ac.uk").ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal(SignatureStatus.Published, row.Status);
        Assert.Equal("Madeleine Example", row.Name);
        Assert.Equal(Affiliation.Student, row.Affiliation);
        Assert.Equal("MSc Nursing", row.Detail);
        Assert.Equal(PledgeActions.TalkAboutIt | PledgeActions.ActiveBystander, row.Actions);
        Assert.Equal(NameDisplay.FirstNameAndInitial, row.NameDisplay);
        Assert.NotNull(row.Number);
        Assert.False(string.IsNullOrEmpty(row.ClientHash));

        var thanks = await client.GetHtmlAsync(location);
        Assert.Contains($"You are signature {row.Number:N0}", thanks.QuerySelector(".confirmation").Text(), StringComparison.Ordinal);
        var feed = await client.GetHtmlAsync("/pledge");
        Assert.Contains("Madeleine E.", feed.QuerySelector($"[data-pledge-feed] [data-number='{row.Number}']").Text(), StringComparison.Ordinal);
    }

    public static TheoryData<string, string?, string, string> InvalidInputs() => new()
    {
        // field, value, the id the summary links to, the message
        { "Input.SigningAs", null, "signing-as-individual", "Select whether you are signing as an individual, a team, a society or a department" },
        { "Input.SigningAs", "robot", "signing-as-individual", "Select whether you are signing as an individual, a team, a society or a department" },
        { "Input.Name", "", "name", "Enter your name" },
        { "Input.Name", "   ", "name", "Enter your name" },
        { "Input.Name", new string('a', 81), "name", "Name must be 80 characters or fewer" },
        { "Input.Name", "Sam2 Example", "name", "Name can only include letters, spaces, hyphens, apostrophes and full stops" },
        { "Input.Name", "<script>alert(1)</script>", "name", "Name can only include letters, spaces, hyphens, apostrophes and full stops" },
        { "Input.Name", "Sam\u202EExample", "name", "Name must not include hidden or control characters" },
        { "Input.Name", "Sam\u0007Example", "name", "Name must not include hidden or control characters" },
        { "Input.Name", "www.spam.example", "name", "Name must not be a web address or an email address" },
        { "Input.Name", "cheap.pills.com", "name", "Name must not be a web address or an email address" },
        { "Input.Name", "Z\u0301\u0302\u0303\u0304\u0305\u0306", "name", "Name can only include letters, spaces, hyphens, apostrophes and full stops" },
        { "Input.Affiliation", null, "affiliation-student", "Select whether you are a student, a member of staff, both, alumni or other" },
        { "Input.Affiliation", "professor", "affiliation-student", "Select whether you are a student, a member of staff, both, alumni or other" },
        { "Input.Detail", new string('b', 61), "detail", "Course, department or society must be 60 characters or fewer" },
        { "Input.Detail", "see https://spam.example/offer", "detail", "Course, department or society must not include a web address or an email address" },
        { "Input.Detail", "mail me at someone@example.com", "detail", "Course, department or society must not include a web address or an email address" },
        { "Input.Detail", "Nursing\u2066 isolate", "detail", "Course, department or society must not include hidden or control characters" },
        { "Input.Email", "", "email", "Enter your email address" },
        { "Input.Email", "not-an-email", "email", "Enter an email address in the correct format, like name@example.ac.uk" },
        { "Input.Email", "two@@example.ac.uk", "email", "Enter an email address in the correct format, like name@example.ac.uk" },
        { "Input.Email", "sam@localhost", "email", "Enter an email address in the correct format, like name@example.ac.uk" },
        { "Input.Email", "sam example@example.ac.uk", "email", "Enter an email address in the correct format, like name@example.ac.uk" },
        { "Input.Email", new string('a', 250) + "@example.ac.uk", "email", "Email address must be 254 characters or fewer" },
        { "Input.Actions", null, "actions-report-and-support", "Select at least one action you commit to" },
        { "Input.Actions", "sit-back", "actions-report-and-support", "Select at least one action you commit to" },
        { "Input.NameDisplay", "sideways", "name-display-first-name-and-initial", "Select how your name appears" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public async Task Post_InvalidField_Returns400WithLinkedSummaryMessageBesideFieldAndKeepsInput(string field, string? value, string anchor, string message)
    {
        var client = factory.CreateBrowserLikeClient();
        var email = $"invalid.{Guid.NewGuid():N}@example.ac.uk";
        var form = PledgeTestData.ValidForm(email, "Kept Name").With(field, value);
        if (field == "Input.Email")
        {
            email = "";
        }

        using var response = await client.SignAsync(form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.StartsWith("Error: ", document.Title, StringComparison.Ordinal);
        var summary = document.QuerySelector("[data-error-summary]");
        Assert.NotNull(summary);
        Assert.Equal("alert", summary.GetAttribute("role"));
        var link = Assert.Single(summary.QuerySelectorAll("a"));
        Assert.Equal(message, link.Text());
        Assert.Equal("#" + anchor, link.GetAttribute("href"));
        Assert.NotNull(document.GetElementById(anchor));
        Assert.Contains(document.QuerySelectorAll(".field__error"), e => e.Text() == "Error: " + message);
        if (field != "Input.Name")
        {
            Assert.Equal("Kept Name", document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#name")!.Value);
        }

        if (field != "Input.Detail")
        {
            Assert.Equal("MSc Nursing", document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#detail")!.Value);
        }

        if (field != "Input.Actions")
        {
            Assert.True(document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#actions-talk-about-it")!.IsChecked);
        }
        Assert.Equal(0, await factory.WithDbAsync(db => db.Signatures.CountAsync(s => s.NormalizedEmail == email)));
    }

    [Fact]
    public async Task Post_InvalidField_MarksInputInvalidAndDescribedByItsError()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.SignAsync(PledgeTestData.ValidForm("x@example.ac.uk").With("Input.Email", "nope"));

        var document = await response.ReadHtmlAsync();
        var input = document.GetElementById("email")!;
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Contains("email-error", input.GetAttribute("aria-describedby")!.Split(' '));
        Assert.Equal("nope", input.GetAttribute("value"));
    }

    [Theory]
    [InlineData("Zoë Ashworth")]
    [InlineData("Nguyễn Văn An")]
    [InlineData("Aoife O'Callaghan")]
    [InlineData("Aoife O’Callaghan")]
    [InlineData("李华")]
    [InlineData("José-María Example")]
    [InlineData("محمد علي")]
    [InlineData("अनन्या शर्मा")]
    [InlineData("Ngũgĩ wa Example")]
    [InlineData("J. R. Example")]
    [InlineData("Ólafur Ragnar Example")]
    public async Task Post_InternationalName_IsAccepted(string name)
    {
        var client = factory.CreateBrowserLikeClient();
        var email = $"intl.{Guid.NewGuid():N}@example.ac.uk";

        using var response = await client.SignAsync(PledgeTestData.ValidForm(email, name));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Signatures.SingleAsync(s => s.NormalizedEmail == email));
        Assert.Equal(name.Normalize(System.Text.NormalizationForm.FormC), stored.Name);
    }

    [Fact]
    public async Task Post_Text_IsTrimmedAndNfcNormalised()
    {
        var client = factory.CreateBrowserLikeClient();
        var decomposed = "Zoe\u0308   Ashworth"; // e + combining diaeresis, three spaces

        using var response = await client.SignAsync(PledgeTestData.ValidForm("  Trim.Me@Example.AC.UK ", "  " + decomposed + "  "));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Signatures.SingleAsync(s => s.NormalizedEmail == "trim.me@example.ac.uk"));
        Assert.Equal("Zoë Ashworth", stored.Name);
        Assert.Equal("Trim.Me@Example.AC.UK", stored.Email);
    }

    [Theory]
    [InlineData("team", "GKT Example Netball Club")]
    [InlineData("society", "Nursing & Midwifery Example Society")]
    [InlineData("department", "Department of Imaginary Studies (2026)")]
    public async Task Post_Group_AcceptsGroupNamesAndIgnoresAffiliation(string type, string name)
    {
        var client = factory.CreateBrowserLikeClient();
        var email = $"group.{Guid.NewGuid():N}@example.ac.uk";

        using var response = await client.SignAsync(PledgeTestData.ValidForm(email, name).With("Input.SigningAs", type).With("Input.Affiliation", null));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await factory.WithDbAsync(db => db.Signatures.SingleAsync(s => s.NormalizedEmail == email));
        Assert.Null(stored.Affiliation);
        Assert.Equal(name, stored.Name);
    }

    [Fact]
    public async Task Post_DuplicateEmail_ChangesNothingAndLooksTheSameAsFirstSigning()
    {
        var client = factory.CreateBrowserLikeClient();
        using var first = await client.SignAsync(PledgeTestData.ValidForm("repeat@example.ac.uk", "First Name"));
        var firstPage = await client.GetHtmlAsync(first.Headers.Location!.ToString());
        var before = await factory.WithDbAsync(db => db.Signatures.AsNoTracking().SingleAsync(s => s.NormalizedEmail == "repeat@example.ac.uk"));
        var countBefore = factory.Feed().Current.Count;

        using var second = await client.SignAsync(PledgeTestData.ValidForm("  REPEAT@Example.ac.uk ", "Other Name").With("Input.NameDisplay", "full-name"));

        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        var secondPage = await client.GetHtmlAsync(second.Headers.Location!.ToString());
        Assert.Equal(firstPage.QuerySelector("main")!.InnerHtml, secondPage.QuerySelector("main")!.InnerHtml);
        var after = await factory.WithDbAsync(db => db.Signatures.AsNoTracking().Where(s => s.NormalizedEmail == "repeat@example.ac.uk").ToListAsync());
        var row = Assert.Single(after);
        Assert.Equal(before.Name, row.Name);
        Assert.Equal(before.NameDisplay, row.NameDisplay);
        Assert.Equal(before.Number, row.Number);
        Assert.Equal(countBefore, factory.Feed().Current.Count);
    }

    [Fact]
    public async Task Post_HoneypotFilled_IsRejectedAndStoresNothing()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.SignAsync(PledgeTestData.ValidForm("bot@example.ac.uk").With("Input.Website", "http://spam.example"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.Contains("could not accept this form", document.QuerySelector("[data-error-summary]").Text(), StringComparison.Ordinal);
        Assert.Equal("", document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#website")!.Value);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Signatures.CountAsync(s => s.NormalizedEmail == "bot@example.ac.uk")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("tampered-token")]
    public async Task Post_MissingOrTamperedFormToken_IsRejectedWithAFreshForm(string? token)
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.SignAsync(PledgeTestData.ValidForm("token@example.ac.uk").With("Input.FormToken", token));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.Contains("This form has expired", document.QuerySelector("[data-error-summary]").Text(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(document.QuerySelector("[name='Input.FormToken']")!.GetAttribute("value")));
        Assert.Equal(0, await factory.WithDbAsync(db => db.Signatures.CountAsync(s => s.NormalizedEmail == "token@example.ac.uk")));
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.SignAsync(PledgeTestData.ValidForm("csrf@example.ac.uk").With("__RequestVerificationToken", null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await factory.WithDbAsync(db => db.Signatures.CountAsync(s => s.NormalizedEmail == "csrf@example.ac.uk")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("garbage")]
    public async Task Get_ThankYouWithoutValidReceipt_RedirectsToPledge(string? receipt)
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/pledge/thank-you" + (receipt is null ? "" : "?r=" + receipt));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/pledge", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_ThankYou_HasPlainShareLinksToThePledgeAndNextSteps()
    {
        var client = factory.CreateBrowserLikeClient();
        using var signed = await client.SignAsync(PledgeTestData.ValidForm("share@example.ac.uk")
            .With("Input.Actions", "frontline-training"));

        var document = await client.GetHtmlAsync(signed.Headers.Location!.ToString());

        var pledgeUrl = Uri.EscapeDataString("http://localhost:5000/pledge");
        var links = document.QuerySelectorAll(".share-links a").ToDictionary(a => a.Text().Replace(" (opens in a new tab)", "", StringComparison.Ordinal), a => a.GetAttribute("href")!);
        Assert.StartsWith("https://wa.me/?text=", links["WhatsApp"], StringComparison.Ordinal);
        Assert.Contains(pledgeUrl, links["WhatsApp"], StringComparison.Ordinal);
        Assert.Equal($"https://www.facebook.com/sharer/sharer.php?u={pledgeUrl}", links["Facebook"]);
        Assert.StartsWith("https://x.com/intent/tweet?text=", links["X (Twitter)"], StringComparison.Ordinal);
        Assert.EndsWith($"&url={pledgeUrl}", links["X (Twitter)"], StringComparison.Ordinal);
        Assert.Equal($"https://www.linkedin.com/sharing/share-offsite/?url={pledgeUrl}", links["LinkedIn"]);
        Assert.StartsWith("mailto:?subject=", links["Email"], StringComparison.Ordinal);
        Assert.Contains(pledgeUrl, links["Email"], StringComparison.Ordinal);
        Assert.All(document.QuerySelectorAll(".share-links a[target=_blank]"), a => Assert.Contains("noopener", a.GetAttribute("rel"), StringComparison.Ordinal));
        Assert.Empty(document.QuerySelectorAll("script:not([src])"));
        Assert.All(document.QuerySelectorAll("script[src]"), s => Assert.StartsWith("/js/", s.GetAttribute("src"), StringComparison.Ordinal));
        Assert.Equal("http://localhost:5000/pledge", document.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#share-url")!.Value);
        Assert.NotNull(document.QuerySelector("[data-share-native][hidden]"));
        Assert.Contains("Frontline staff training", document.QuerySelector(".next-steps").Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("Talk about it", document.QuerySelector(".next-steps").Text(), StringComparison.Ordinal);
        Assert.Equal("noindex", document.QuerySelector("meta[name=robots]")?.GetAttribute("content"));
        Assert.NotNull(document.QuerySelector("meta[property='og:image'][content$='/img/pledge-card.png']"));
    }

    [Fact]
    public async Task Get_Home_ShowsLiveCountAndLatestSignatures()
    {
        var client = factory.CreateBrowserLikeClient();
        using (await client.SignAsync(PledgeTestData.ValidForm("home@example.ac.uk", "Homer Example"))) { }

        var document = await client.GetHtmlAsync("/");

        // The live count and the call to sign are in the home page hero; the latest signatures follow it.
        var summary = document.QuerySelector("main [data-pledge-live]");
        Assert.NotNull(summary);
        Assert.Equal(factory.Feed().Current.Count.ToString("N0", System.Globalization.CultureInfo.GetCultureInfo("en-GB")), summary.QuerySelector("[data-pledge-count]").Text());
        Assert.Contains("Homer E.", summary.QuerySelector("[data-pledge-feed]").Text(), StringComparison.Ordinal);
        Assert.NotNull(summary.QuerySelector("a[href='/pledge']"));
        Assert.Single(document.QuerySelectorAll("script[src^='/js/pledge.']"));
    }
}
