using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Signing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// The reporter's side of the channel: making a report, coming back to it with an access code or a
/// personal link, reading and answering the conversation, and deleting it (crypto-shredding). Nothing
/// here logs a code, a link or anything the person wrote.
/// </summary>
public sealed class ReportStore(
    AppDbContext db,
    ReportKeyRing keys,
    AttemptThrottle throttle,
    ReportNotifications notifications,
    AuditLog audit,
    IOptions<ReportingOptions> options,
    TimeProvider clock,
    ILogger<ReportStore> logger)
{
    public const string PayloadField = "payload";
    public static readonly TimeSpan CodeWindow = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan ReportWindow = TimeSpan.FromHours(1);
    private static readonly TimeSpan SiteWideWindow = TimeSpan.FromHours(1);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static string MessageField(Guid messageId) => "message/" + messageId.ToString("D");

    /// <summary>How long <paramref name="client"/> must wait before making another report (zero: it may now).</summary>
    public TimeSpan ReportWait(string client) =>
        throttle.WaitFor("report:" + client, options.Value.ReportsPerHourPerClient, ReportWindow);

    public async Task<NewReport> CreateAsync(ReportRoute route, ReportAnswers answers, string client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var now = clock.GetUtcNow();
        var id = Guid.NewGuid();
        var dataKey = ReportCrypto.NewDataKey();
        try
        {
            var report = new Report
            {
                Id = id,
                Route = route,
                State = ReportState.New,
                Categories = string.Join(',', answers.Categories.Where(c => ReportChoices.IsOneOf(ReportChoices.Categories, c))),
                Place = ReportChoices.IsOneOf(ReportChoices.Places, answers.Place) ? answers.Place : "",
                Month = UkFormat.ToLondon(now).ToString("yyyy-MM", CultureInfo.InvariantCulture),
                Payload = ReportCrypto.Encrypt(dataKey, id, PayloadField, JsonSerializer.Serialize(answers, Json)),
                CreatedAt = now,
                UpdatedAt = now,
                Key = keys.Wrap(id, dataKey),
            };

            string? code = null;
            if (route == ReportRoute.Anonymous)
            {
                code = AccessCode.Create();
                report.AccessCodeHash = AccessCode.Hash(await keys.CodeHashKeyAsync(db, cancellationToken), AccessCode.Normalise(code)!);
            }

            db.Reports.Add(report);
            if (route == ReportRoute.Named && answers.Email is { } email)
            {
                notifications.ReporterConfirmation(report, email, answers.Name);
            }

            await notifications.StaffNewReportAsync(report, cancellationToken);
            await audit.RecordAsync(AuditActions.ReportReceived, "Report", id.ToString("D"), route == ReportRoute.Anonymous ? "Anonymous" : "Named", AuditActor.Anonymous, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            throttle.Record("report:" + client, ReportWindow);
            logger.LogInformation("Report {ReportId} received ({Route})", id, route);
            return new NewReport(id, code);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>
    /// Opens a report by its access code. Wrong codes are counted per client, per code and site-wide; past
    /// the limits every try waits (a right code too, so waiting says nothing about the code).
    /// </summary>
    public async Task<CodeCheck> OpenWithCodeAsync(string? typed, string client, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var normalised = AccessCode.Normalise(typed);
        var hash = normalised is null ? null : AccessCode.Hash(await keys.CodeHashKeyAsync(db, cancellationToken), normalised);
        var clientKey = "code-client:" + client;
        var codeKey = hash is null ? null : "code:" + hash;
        var wait = new[]
        {
            throttle.WaitFor(clientKey, settings.WrongCodesBeforeDelay, CodeWindow),
            codeKey is null ? TimeSpan.Zero : throttle.WaitFor(codeKey, settings.WrongCodesBeforeDelay, CodeWindow),
            throttle.WaitFor("code-site", settings.WrongCodesPerHourSiteWide, SiteWideWindow),
        }.Max();
        if (wait > TimeSpan.Zero)
        {
            logger.LogWarning("Access code refused: too many wrong codes; wait {Wait}", wait);
            return new CodeCheck(null, wait);
        }

        var id = hash is null ? null : await db.Reports.AsNoTracking().Where(r => r.AccessCodeHash == hash).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (id is null)
        {
            throttle.Record(clientKey, CodeWindow);
            if (codeKey is not null)
            {
                throttle.Record(codeKey, CodeWindow);
            }

            throttle.Record("code-site", SiteWideWindow);
            logger.LogInformation("Access code not recognised");
            return CodeCheck.Wrong;
        }

        return new CodeCheck(id, TimeSpan.Zero);
    }

    /// <summary>Opens a named report from its personal link (only the newest link works).</summary>
    public async Task<Guid?> OpenWithLinkAsync(string? token, CancellationToken cancellationToken)
    {
        var hash = ManageToken.TryHash(token);
        return hash is null ? null : await db.Reports.AsNoTracking().Where(r => r.ContactTokenHash == hash).Select(r => (Guid?)r.Id).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>What the reporter may see: the conversation (never notes or the outcome), or null when the report is gone.</summary>
    public async Task<ReporterView?> ReporterViewAsync(Guid id, CancellationToken cancellationToken)
    {
        var report = await db.Reports.AsNoTracking().Include(r => r.Key).Include(r => r.Messages).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report?.Key is null)
        {
            return null;
        }

        var dataKey = keys.Unwrap(report.Key);
        try
        {
            var messages = report.Messages
                .Where(m => m.Kind is ReportMessageKind.FromReporter or ReportMessageKind.ToReporter)
                .OrderBy(m => m.CreatedAt)
                .Select(m => new ConversationMessage(m.Id, m.Kind, ReportCrypto.Decrypt(dataKey, id, MessageField(m.Id), m.Body), m.CreatedAt, null))
                .ToList();
            return new ReporterView(report.Id, report.Route, report.State, report.CreatedAt, messages);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    public async Task<bool> AddReporterMessageAsync(Guid id, string text, CancellationToken cancellationToken)
    {
        var report = await db.Reports.Include(r => r.Key).FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report?.Key is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var dataKey = keys.Unwrap(report.Key);
        try
        {
            var message = new ReportMessage { Id = Guid.NewGuid(), ReportId = id, Kind = ReportMessageKind.FromReporter, CreatedAt = now };
            message.Body = ReportCrypto.Encrypt(dataKey, id, MessageField(message.Id), text);
            db.ReportMessages.Add(message);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }

        report.AwaitingReply = true;
        report.UpdatedAt = now;
        var reopened = report.State == ReportState.Closed;
        if (reopened)
        {
            report.State = report.AdviserId is null ? ReportState.New : ReportState.InProgress;
            report.ClosedAt = null;
        }

        await notifications.StaffNewMessageAsync(report, cancellationToken);
        await audit.RecordAsync(AuditActions.ReportReporterWrote, "Report", id.ToString("D"), reopened ? "The case was closed and is reopened." : null, AuditActor.Anonymous, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Deletes a report for good: its key row first (crypto-shredding, with SQLite's secure_delete so the
    /// freed pages are overwritten), then its messages, the report and any email about it.
    /// </summary>
    public async Task<bool> DeleteAsync(Guid id, string reason, AuditActor actor, CancellationToken cancellationToken)
    {
        var exists = await db.Reports.AnyAsync(r => r.Id == id, cancellationToken);
        if (!exists)
        {
            return false;
        }

        await ReportShredder.ShredAsync(db, [id], cancellationToken);
        await audit.RecordAsync(AuditActions.ReportDeleted, "Report", id.ToString("D"), reason, actor, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Report {ReportId} deleted ({Reason})", id, reason);
        return true;
    }
}
