using System.Text.Json;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Privacy;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Email;

/// <summary>
/// The campaign's emails, written once here so the pages only fill in the details. Each says why the
/// person got it, what happens to their address (from <see cref="PrivacyOptions"/>), and where to get help.
/// </summary>
public sealed class EmailTemplates(IOptions<CampaignOptions> campaign, IOptions<PrivacyOptions> privacy)
{
    public const string ThankYouKind = "pledge-thank-you";
    public const string ConfirmationKind = "pledge-confirm";
    public const string AlreadySignedKind = "pledge-repeat";
    public const string StaffSignInPausedKind = "staff-sign-in-paused";

    private static readonly JsonSerializerOptions DataJson = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The values of one of the templates above, as stored in <see cref="OutboxMessage.TemplateData"/>
    /// so that the outbox sender writes the bodies when it sends (<see cref="ContentOf"/>).
    /// </summary>
    public static string Data(ThankYouEmail model) => JsonSerializer.Serialize(model, DataJson);

    /// <inheritdoc cref="Data(ThankYouEmail)"/>
    public static string Data(ConfirmationEmail model) => JsonSerializer.Serialize(model, DataJson);

    /// <inheritdoc cref="Data(ThankYouEmail)"/>
    public static string Data(AlreadySignedEmail model) => JsonSerializer.Serialize(model, DataJson);

    /// <summary>The subject a message of <paramref name="kind"/> will have, without writing its bodies.</summary>
    public string SubjectOf(string kind) => kind switch
    {
        ThankYouKind => $"Thank you for signing the {campaign.Value.Name} pledge",
        ConfirmationKind => $"Please confirm your signature on the {campaign.Value.Name} pledge",
        AlreadySignedKind => $"You have already signed the {campaign.Value.Name} pledge",
        StaffSignInPausedKind => $"Failed attempts to sign in to your {campaign.Value.Name} staff account",
        _ => throw new ArgumentException($"No template for kind '{kind}'.", nameof(kind)),
    };

    /// <summary>
    /// What an outbox row says: its stored bodies, or, when it holds <see cref="OutboxMessage.TemplateData"/>,
    /// the bodies written now from the template its <see cref="OutboxMessage.Kind"/> names.
    /// </summary>
    public EmailContent ContentOf(OutboxMessage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.TemplateData is not { } data)
        {
            return new EmailContent(row.Subject, row.TextBody ?? "", row.HtmlBody ?? "");
        }

        return row.Kind switch
        {
            ThankYouKind => ThankYou(Read<ThankYouEmail>(data)),
            ConfirmationKind => ConfirmationRequest(Read<ConfirmationEmail>(data)),
            AlreadySignedKind => AlreadySigned(Read<AlreadySignedEmail>(data)),
            _ => throw new InvalidOperationException($"No template for kind '{row.Kind}'."),
        };
    }

    private static T Read<T>(string data) =>
        JsonSerializer.Deserialize<T>(data, DataJson) ?? throw new JsonException("Empty template data.");

    public EmailContent AlreadySigned(AlreadySignedEmail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return SignerEmail(
            AlreadySignedKind,
            "You have already signed",
            (body, c) =>
            {
                body.Paragraph("Someone, probably you, just signed the {0} pledge again with this email address. This address has already signed, so we have not added a second signature and nothing has changed.", c.Name);
                if (model.PublicName is { } name)
                {
                    body.Paragraph("On the site, your signature appears as: {0}", name);
                }
            },
            "Your personal link",
            "Here is a new link to change how your name appears, or to withdraw your signature and delete your details. Any link we sent you before no longer works.",
            model.ManageUrl);
    }

    public EmailContent ThankYou(ThankYouEmail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return SignerEmail(
            ThankYouKind,
            "Thank you for signing",
            (body, c) =>
            {
                if (model.PublicNumber is { } number)
                {
                    body.Paragraph("You are signature {0} on the {1} pledge.", UkFormat.Number(number), c.Name);
                }
                else
                {
                    body.Paragraph("Your signature is on the {0} pledge.", c.Name);
                }

                body.Paragraph("On the site, your signature appears as: {0}", model.PublicName);
                if (model.Actions.Count > 0)
                {
                    body.Paragraph("You pledged to:").Bullets(model.Actions);
                }
            },
            "Change or withdraw your signature",
            "You can change how your name appears, or withdraw your signature and delete your details, at any time with your personal link:",
            model.ManageUrl);
    }

    /// <summary>
    /// An email that gives a signer their personal link (the thank-you and the already-signed one): a heading,
    /// what happened, the link with its warnings, where to get help, and why they got it.
    /// </summary>
    private EmailContent SignerEmail(
        string kind, string heading, Action<EmailBodyBuilder, CampaignOptions> whatHappened, string linkHeading, string linkIntro, string manageUrl)
    {
        var c = campaign.Value;
        var body = new EmailBodyBuilder(c).Heading(heading);
        whatHappened(body, c);
        body.Subheading(linkHeading)
            .Paragraph(linkIntro)
            .Link("Manage your signature", manageUrl)
            .Paragraph("Keep this email to yourself: anyone with this link can change or withdraw your signature.")
            .Paragraph("If you did not sign the pledge, someone else used your email address. Follow the link and withdraw the signature: that deletes your address too.");
        return FinishSignerEmail(body, kind);
    }

    public EmailContent ConfirmationRequest(ConfirmationEmail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var c = campaign.Value;
        var expires = $"{UkFormat.LongDate(model.ExpiresAt)} at {UkFormat.Time(model.ExpiresAt)}";
        var body = new EmailBodyBuilder(c)
            .Heading("Please confirm your signature")
            .Paragraph("This email address was used to sign the {0} pledge. Your signature will be counted and shown only after you confirm it.", c.Name)
            .Link("Confirm my signature", model.ConfirmUrl)
            .Paragraph("The link works until {0} (UK time). If you do not confirm by then, we delete the signature and everything you gave us with it.", expires)
            .Paragraph("If you did not sign, you do not need to do anything: nothing will be published, and your details will be deleted then.");
        return FinishSignerEmail(body, ConfirmationKind);
    }

    /// <summary>
    /// Tells the owner of a staff account that someone got its password or code wrong too often, instead
    /// of telling whoever is at the sign-in form (who may be a stranger). No address, token or link that
    /// signs anyone in: only links to the site's own pages.
    /// </summary>
    public EmailContent StaffSignInPaused(StaffSignInPausedEmail model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var c = campaign.Value;
        var until = $"{UkFormat.Time(model.Until)} on {UkFormat.LongDate(model.Until)}";
        var body = new EmailBodyBuilder(c)
            .Heading("Failed attempts to sign in to your account")
            .Paragraph("Someone, perhaps you, tried to sign in to your {0} staff account {1} times in a row with a wrong password or code.", c.Name, model.Failures.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (model.WholeAccount)
        {
            body.Paragraph("To protect your account, signing in to it is locked until {0} (UK time). After that you can sign in as usual, or an Admin can unlock it sooner.", until);
        }
        else
        {
            body.Paragraph("To protect your account, signing in to it from the connection those attempts came from is paused until {0} (UK time). You can still sign in from another connection, such as your phone's mobile data, and an Admin can unlock it.", until);
        }

        body.Subheading("If this was not you")
            .Paragraph("Someone may be trying to guess your password. Your account is safe while they do not know it. When you can sign in, change your password and turn on two-factor authentication if you have not already, and tell one of the campaign's Admins.")
            .Link("Change your password", body.SiteLink("/account/change-password"))
            .Link("Two-factor authentication", body.SiteLink("/account/two-factor"))
            .Paragraph("If this was you, you do not need to do anything.");
        body.SmallPrint("You are getting this email because this address has a staff account on the {0} website. We send it at most once every 15 minutes.", c.Name);
        body.SmallPrint("To contact the campaign team, reply to this email or write to {0}.", c.ContactEmail);
        return body.Build(SubjectOf(StaffSignInPausedKind));
    }

    /// <summary>What every email to a signer ends with: where to get help, and why they got it.</summary>
    private EmailContent FinishSignerEmail(EmailBodyBuilder body, string kind)
    {
        AddHelp(body);
        AddWhy(body, "You are getting this email because this address was used to sign the pledge on our website.");
        return body.Build(SubjectOf(kind));
    }

    private static void AddHelp(EmailBodyBuilder body) =>
        body.Subheading("If you need support")
            .Paragraph("If something has happened to you or someone you know, you are not alone. Our help page lists who you can talk to, today:")
            .Link("Get help", body.SiteLink("/help"));

    private void AddWhy(EmailBodyBuilder body, string why)
    {
        var p = privacy.Value;
        var c = campaign.Value;
        var keep = PrivacyOptions.Days(p.SignerEmailRetentionAfterCampaignCloseDays);
        body.SmallPrint("{0} We never show your email address on the site, and we do not send newsletters or marketing.", why);
        if (p.SignerEmailDeletionDate is { } deletion)
        {
            body.SmallPrint("We delete your email address on {0} (" + keep + " after the campaign closes), or as soon as you withdraw.", PrivacyOptions.Date(deletion));
        }
        else
        {
            body.SmallPrint("We delete your email address " + keep + " after the campaign closes, or as soon as you withdraw.");
        }

        body.SmallLink("Read how we look after your details in our", "privacy notice", body.SiteLink("/privacy"));
        body.SmallPrint("To contact the campaign team, reply to this email or write to {0}.", c.ContactEmail);
    }
}
