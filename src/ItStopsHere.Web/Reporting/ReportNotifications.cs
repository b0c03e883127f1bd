using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// The channel's emails, through the outbox. None carries anything the person wrote, a category, or a
/// case's details: staff are told only that something is waiting at <c>/cases</c>, and a named reporter
/// gets a personal link (256 bits, only its hash stored, replaced with each email). Anonymous reporters
/// are never emailed. Every message has the reference <c>report:{id}</c>, so deleting the report deletes it.
/// </summary>
public sealed class ReportNotifications(AppDbContext db, IOptions<CampaignOptions> campaign)
{
    public const string ReporterConfirmationKind = "report-confirmation";
    public const string ReporterNewMessageKind = "report-new-message";
    public const string StaffNewReportKind = "case-new-report";
    public const string StaffNewMessageKind = "case-new-message";
    public const string AdviserAssignedKind = "case-assigned";

    public static string Reference(Guid reportId) => "report:" + reportId.ToString("D");

    public void ReporterConfirmation(Report report, string email, string? name)
    {
        ArgumentNullException.ThrowIfNull(report);
        var link = NewLink(report);
        var body = new EmailBodyBuilder(campaign.Value)
            .Heading("We have your report")
            .Paragraph("Thank you for telling us. A trained adviser will read it and reply through the site.")
            .Paragraph("To read replies, write to the adviser or delete your report, use your personal link. Only the newest link we send you works:")
            .Link("Open my report", link)
            .Paragraph("Anyone who can open this email can use the link: delete the email if others use your inbox.")
            .Paragraph("If you are in danger now, call 999.")
            .Build("Your report to " + campaign.Value.Name);
        db.EnqueueEmail(new EmailMessage(email, body, ReporterConfirmationKind, name, Reference(report.Id)));
    }

    public void ReporterNewMessage(Report report, string email, string? name)
    {
        ArgumentNullException.ThrowIfNull(report);
        var link = NewLink(report);
        var body = new EmailBodyBuilder(campaign.Value)
            .Heading("You have a new message")
            .Paragraph("An adviser has written to you about your report. The message is not in this email: open it on the site.")
            .Link("Read the message", link)
            .Paragraph("This link replaces any earlier one.")
            .Build("You have a new message from " + campaign.Value.Name);
        db.EnqueueEmail(new EmailMessage(email, body, ReporterNewMessageKind, name, Reference(report.Id)));
    }

    /// <summary>To every Case manager: a new report is waiting (no detail).</summary>
    public async Task StaffNewReportAsync(Report report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var address in await AddressesInRoleAsync(StaffRoles.CaseManager, cancellationToken))
        {
            db.EnqueueEmail(new EmailMessage(address, StaffBody("A new report is waiting", "A new report is waiting in the case queue."), StaffNewReportKind, null, Reference(report.Id)));
        }
    }

    /// <summary>To the assigned adviser (or, when none, every Case manager): a new message is waiting (no detail).</summary>
    public async Task StaffNewMessageAsync(Report report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var addresses = report.AdviserId is { } adviser
            ? await db.Users.Where(u => u.Id == adviser && u.Email != null).Select(u => u.Email!).ToListAsync(cancellationToken)
            : await AddressesInRoleAsync(StaffRoles.CaseManager, cancellationToken);
        foreach (var address in addresses)
        {
            db.EnqueueEmail(new EmailMessage(address, StaffBody("A new message is waiting", "A reporter has written on a case. Sign in to read it."), StaffNewMessageKind, null, Reference(report.Id)));
        }
    }

    public async Task AdviserAssignedAsync(Report report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var address = await db.Users.Where(u => u.Id == report.AdviserId && u.Email != null).Select(u => u.Email!).FirstOrDefaultAsync(cancellationToken);
        if (address is not null)
        {
            db.EnqueueEmail(new EmailMessage(address, StaffBody("A case is waiting for you", "A case has been given to you. Sign in to read it."), AdviserAssignedKind, null, Reference(report.Id)));
        }
    }

    private EmailContent StaffBody(string heading, string sentence)
    {
        var builder = new EmailBodyBuilder(campaign.Value);
        return builder
            .Heading(heading)
            .Paragraph(sentence)
            .Link("Open the cases", builder.SiteLink("/cases"))
            .Paragraph("For the reporter's safety this email never says anything about a case.")
            .Build(heading);
    }

    private string NewLink(Report report)
    {
        var (token, hash) = ManageToken.Create();
        report.ContactTokenHash = hash;
        return new EmailBodyBuilder(campaign.Value).SiteLink("/report/follow-up?token=" + token);
    }

    private async Task<List<string>> AddressesInRoleAsync(string role, CancellationToken cancellationToken) =>
        await (from user in db.Users
               join userRole in db.UserRoles on user.Id equals userRole.UserId
               join r in db.Roles on userRole.RoleId equals r.Id
               where r.Name == role && user.Email != null
               select user.Email!).Distinct().ToListAsync(cancellationToken);
}
