using AngleSharp.Html.Parser;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Privacy;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ItStopsHere.Tests.Email;

public class EmailCompositionTests
{
    private static readonly CampaignOptions Campaign = new()
    {
        SiteUrl = "https://itstopshere.example.ac.uk",
        ContactEmail = "team@itstopshere.example.ac.uk",
    };

    private static EmailTemplates Templates(PrivacyOptions? privacy = null) =>
        new(Options.Create(Campaign), Options.Create(privacy ?? new PrivacyOptions()));

    private static readonly ThankYouEmail ThankYou = new(
        "Zoë O'Callaghan",
        1089,
        ["Report and support", "Talk about it"],
        "https://itstopshere.example.ac.uk/pledge/manage?token=token123");

    [Fact]
    public void ThankYou_PlainText_HasNumberNameActionsAndManageLink()
    {
        var content = Templates().ThankYou(ThankYou);

        Assert.Equal("Thank you for signing the It Stops Here pledge", content.Subject);
        Assert.StartsWith("It Stops Here\n", content.Text, StringComparison.Ordinal);
        Assert.Contains("You are signature 1,089 on the It Stops Here pledge.", content.Text, StringComparison.Ordinal);
        Assert.Contains("your signature appears as: Zoë O'Callaghan", content.Text, StringComparison.Ordinal);
        Assert.Contains("  * Report and support\n", content.Text, StringComparison.Ordinal);
        Assert.Contains("  * Talk about it\n", content.Text, StringComparison.Ordinal);
        Assert.Contains("Manage your signature:\nhttps://itstopshere.example.ac.uk/pledge/manage?token=token123", content.Text, StringComparison.Ordinal);
        Assert.Contains("https://itstopshere.example.ac.uk/help", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ThankYou_Html_SaysTheSameWithOnlyLinksToTheSiteAndNoImages()
    {
        var content = Templates().ThankYou(ThankYou);
        var html = new HtmlParser().ParseDocument(content.Html);

        Assert.Equal("en-GB", html.DocumentElement.GetAttribute("lang"));
        Assert.Equal(content.Subject, html.Title);
        Assert.Contains("You are signature 1,089", html.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Zoë O'Callaghan", html.Body.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Report and support", "Talk about it"], html.QuerySelectorAll("li").Select(li => li.TextContent));
        var links = html.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("https://itstopshere.example.ac.uk/pledge/manage?token=token123", links);
        Assert.Contains("https://itstopshere.example.ac.uk/help", links);
        Assert.Contains("https://itstopshere.example.ac.uk/privacy", links);
        Assert.All(links, href => Assert.StartsWith("https://itstopshere.example.ac.uk/", href, StringComparison.Ordinal));
        Assert.Empty(html.QuerySelectorAll("img, script, link, iframe, form, style, object"));
        Assert.DoesNotContain("url(", content.Html, StringComparison.OrdinalIgnoreCase); // no remote images by CSS either
    }

    [Fact]
    public void ThankYou_WithoutNumber_SaysTheSignatureIsOn()
    {
        var content = Templates().ThankYou(ThankYou with { PublicNumber = null, Actions = [] });

        Assert.Contains("Your signature is on the It Stops Here pledge.", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("You pledged to", content.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ThankYou_QuotesTheConfiguredEmailRetention()
    {
        var privacy = new PrivacyOptions { SignerEmailRetentionAfterCampaignCloseDays = 45 };
        var open = Templates(privacy).ThankYou(ThankYou);
        privacy.CampaignClosesOn = new DateOnly(2027, 6, 30);
        var closing = Templates(privacy).ThankYou(ThankYou);

        Assert.Contains("We delete your email address 45 days after the campaign closes, or as soon as you withdraw.", open.Text, StringComparison.Ordinal);
        Assert.Contains("We delete your email address on Saturday 14 August 2027 (45 days after the campaign closes), or as soon as you withdraw.", closing.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void ConfirmationRequest_HasLinkAndExpiryInUkTime()
    {
        // 17:00 UTC in July is 18:00 in London (BST).
        var content = Templates().ConfirmationRequest(new ConfirmationEmail(
            "https://itstopshere.example.ac.uk/pledge/confirm?token=abc", new DateTimeOffset(2026, 7, 1, 17, 0, 0, TimeSpan.Zero)));

        Assert.Equal("Please confirm your signature on the It Stops Here pledge", content.Subject);
        Assert.Contains("Confirm my signature:\nhttps://itstopshere.example.ac.uk/pledge/confirm?token=abc", content.Text, StringComparison.Ordinal);
        Assert.Contains("The link works until Wednesday 1 July 2026 at 18:00 (UK time).", content.Text, StringComparison.Ordinal);
        var html = new HtmlParser().ParseDocument(content.Html);
        Assert.Contains(html.QuerySelectorAll("a"), a => a.GetAttribute("href") == "https://itstopshere.example.ac.uk/pledge/confirm?token=abc");
    }

    [Fact]
    public void BodyBuilder_EscapesMarkupInValues_AndRemovesControlAndDirectionCharacters()
    {
        var content = new EmailBodyBuilder(Campaign)
            .Paragraph("Signed as {0}.", "<script>alert(1)</script> & \u202Eevil\u202C\r\nBcc: x")
            .Bullets(["<b>bold</b>"])
            .Build("Subject\r\nBcc: someone");

        Assert.DoesNotContain("<script>", content.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; evil  Bcc: x", content.Html, StringComparison.Ordinal);
        Assert.Contains("&lt;b&gt;bold&lt;/b&gt;", content.Html, StringComparison.Ordinal);
        Assert.Contains("Signed as <script>alert(1)</script> & evil  Bcc: x.", content.Text, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', content.Text);
        Assert.DoesNotContain("\r", content.Subject, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", content.Subject, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/pledge")]
    [InlineData("https://itstopshere.example.ac.uk.evil.example/pledge")]
    [InlineData("https://itstopshere.example.ac.uk@evil.example/pledge")]
    [InlineData("http://itstopshere.example.ac.uk/pledge")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/pledge/manage/relative")]
    public void BodyBuilder_LinkOffTheCampaignSite_IsRefused(string url)
    {
        var builder = new EmailBodyBuilder(Campaign);

        var error = Assert.Throws<ArgumentException>(() => builder.Link("Click", url));

        Assert.DoesNotContain(url, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BodyBuilder_SiteUnderAPath_AcceptsOnlyLinksUnderThatPath()
    {
        var builder = new EmailBodyBuilder(new CampaignOptions { SiteUrl = "https://www.example.ac.uk/itstopshere/" });

        builder.Link("Manage", "https://www.example.ac.uk/itstopshere/pledge/manage/x");

        Assert.Throws<ArgumentException>(() => builder.Link("Other", "https://www.example.ac.uk/elsewhere"));
        Assert.Equal("https://www.example.ac.uk/itstopshere/help", builder.SiteLink("/help"));
    }

    [Fact]
    public void Compose_SameRowTwice_GivesTheSameMessageIdAndDate()
    {
        var identity = SenderIdentity.Create(new EmailOptions { FromAddress = "pledge@itstopshere.example.ac.uk" }, Campaign);
        var row = new OutboxMessage
        {
            MessageKey = Guid.NewGuid(),
            ToAddress = "sam@example.ac.uk",
            Subject = "Hello",
            TextBody = "Text",
            HtmlBody = "<p>Html</p>",
            CreatedAt = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero),
        };

        var first = identity.Compose(row, StoredContent(row));
        var second = identity.Compose(row, StoredContent(row));

        Assert.Equal($"{row.MessageKey:N}@itstopshere.example.ac.uk", first.MessageId);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.Equal(first.Date, second.Date);
        Assert.Equal(("It Stops Here", "pledge@itstopshere.example.ac.uk"), (first.From.Mailboxes.Single().Name, first.From.Mailboxes.Single().Address));
        Assert.Equal("team@itstopshere.example.ac.uk", first.ReplyTo.Mailboxes.Single().Address);
        Assert.Equal("auto-generated", first.Headers["Auto-Submitted"]);
        Assert.Equal("All", first.Headers["X-Auto-Response-Suppress"]);
        Assert.IsType<MultipartAlternative>(first.Body);
    }

    [Fact]
    public async Task PickupDirectory_WritingTheSameMessageTwice_LeavesOneFileNamedWithoutTheAddress()
    {
        var folder = Path.Combine(Path.GetTempPath(), "itstopshere-tests", "pickup-" + Guid.NewGuid().ToString("N"));
        try
        {
            var transport = new PickupDirectoryTransport(folder);
            var identity = SenderIdentity.Create(new EmailOptions(), Campaign);
            var row = new OutboxMessage
            {
                MessageKey = Guid.NewGuid(), ToAddress = "sam@example.ac.uk", Subject = "Hi", TextBody = "Text", CreatedAt = DateTimeOffset.UtcNow,
            };
            var message = identity.Compose(row, StoredContent(row));

            await using (var session = transport.OpenSession())
            {
                await session.SendAsync(message, CancellationToken.None);
                await session.SendAsync(message, CancellationToken.None);
            }

            var file = Assert.Single(Directory.GetFiles(folder));
            Assert.EndsWith(".eml", file, StringComparison.Ordinal);
            Assert.DoesNotContain("sam", Path.GetFileName(file), StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Theory]
    [InlineData("550 5.1.1 <sam.k@example.ac.uk>: Recipient address rejected", "550 5.1.1 <[address]>: Recipient address rejected")]
    [InlineData("Mailbox sam@example.ac.uk unavailable; also o'neil+tag@sub.example.com", "Mailbox [address] unavailable; also [address]")]
    [InlineData("No address here @ all", "No address here @ all")]
    public void Redact_HidesAddresses(string text, string expected) =>
        Assert.Equal(expected, EmailAddresses.Redact(text));

    [Theory]
    [InlineData("sam@example.ac.uk", true)]
    [InlineData(" sam@example.ac.uk ", true)]
    [InlineData("Sam <sam@example.ac.uk>", false)]
    [InlineData("sam@example.ac.uk, eve@example.com", false)]
    [InlineData("not an address", false)]
    [InlineData("", false)]
    public void IsValid_AcceptsOnlyOnePlainAddress(string address, bool valid) =>
        Assert.Equal(valid, EmailAddresses.IsValid(address));

    [Fact]
    public void RetryDelay_DoublesFromTheFirstDelayUpToTheCap_WithJitterInTheUpperHalf()
    {
        var options = new OutboxOptions { FirstRetryDelay = TimeSpan.FromSeconds(30), MaxRetryDelay = TimeSpan.FromMinutes(10) };

        Assert.Equal(TimeSpan.FromSeconds(30), RetryPolicy.Ceiling(1, options));
        Assert.Equal(TimeSpan.FromSeconds(60), RetryPolicy.Ceiling(2, options));
        Assert.Equal(TimeSpan.FromSeconds(240), RetryPolicy.Ceiling(4, options));
        Assert.Equal(TimeSpan.FromMinutes(10), RetryPolicy.Ceiling(6, options));
        Assert.Equal(TimeSpan.FromMinutes(10), RetryPolicy.Ceiling(500, options));

        var random = new Random(42);
        var delays = Enumerable.Range(0, 200).Select(_ => RetryPolicy.DelayAfter(3, options, random)).ToList();
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(120)));
        Assert.True(delays.Distinct().Count() > 100, "the delays should be spread out, not all the same");
    }

    [Fact]
    public void ContentOf_TemplateData_WritesTheSameEmailAsTheTemplate_ForEveryKind()
    {
        var templates = Templates();
        var confirmation = new ConfirmationEmail("https://itstopshere.example.ac.uk/pledge/confirm?token=abc", new DateTimeOffset(2026, 12, 2, 15, 30, 0, TimeSpan.Zero));
        var repeat = new AlreadySignedEmail("Zoë O.", "https://itstopshere.example.ac.uk/pledge/manage?token=def");
        var cases = new (string Kind, string Data, EmailContent Expected)[]
        {
            (EmailTemplates.ThankYouKind, EmailTemplates.Data(ThankYou), templates.ThankYou(ThankYou)),
            (EmailTemplates.ConfirmationKind, EmailTemplates.Data(confirmation), templates.ConfirmationRequest(confirmation)),
            (EmailTemplates.AlreadySignedKind, EmailTemplates.Data(repeat), templates.AlreadySigned(repeat)),
        };

        foreach (var (kind, data, expected) in cases)
        {
            var row = new OutboxMessage { Kind = kind, Subject = templates.SubjectOf(kind), TemplateData = data };

            Assert.Equal(expected, templates.ContentOf(row));
            Assert.Equal(expected.Subject, row.Subject);
        }
    }

    [Fact]
    public void ContentOf_StoredBodies_AreSentAsStored()
    {
        var row = new OutboxMessage { Kind = "staff-invite", Subject = "Hi", TextBody = "Text", HtmlBody = "<p>Html</p>" };

        Assert.Equal(new EmailContent("Hi", "Text", "<p>Html</p>"), Templates().ContentOf(row));
    }

    [Theory]
    [InlineData("no-such-kind", "{}")]
    [InlineData(EmailTemplates.ThankYouKind, "not json")]
    [InlineData(EmailTemplates.ThankYouKind, "null")]
    public void ContentOf_DataThatCannotMakeAMessage_Throws(string kind, string data)
    {
        var row = new OutboxMessage { Kind = kind, Subject = "x", TemplateData = data };

        Assert.ThrowsAny<Exception>(() => Templates().ContentOf(row));
    }

    private static EmailContent StoredContent(OutboxMessage row) => new(row.Subject, row.TextBody ?? "", row.HtmlBody ?? "");
}
