using System.Security.Cryptography;
using System.Text.Json;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// The advisers' side. Every query checks who is asking, whatever the page: a Case manager sees every
/// case's minimal details (never content); an Adviser sees, decrypted, only the cases given to them; any
/// other case is "not found". Opening a case, writing, assigning and every state change go in the audit
/// log with the case id, never the content.
/// </summary>
public sealed class CaseDesk(AppDbContext db, ReportKeyRing keys, ReportNotifications notifications, AuditLog audit, TimeProvider clock)
{
    private const string RecordType = "Case";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The queue: every case for a Case manager, the viewer's own cases for an Adviser.</summary>
    public async Task<IReadOnlyList<CaseSummary>> QueueAsync(CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var query = db.Reports.AsNoTracking();
        if (!viewer.IsCaseManager)
        {
            query = query.Where(r => r.AdviserId == viewer.UserId);
        }

        var rows = await query
            .Select(r => new { r.Id, r.Route, r.State, r.CreatedAt, r.UpdatedAt, r.AwaitingReply, r.AdviserId })
            .ToListAsync(cancellationToken);
        var names = await AdviserNamesAsync(cancellationToken);
        return rows
            .OrderBy(r => r.State == ReportState.Closed)
            .ThenByDescending(r => r.AwaitingReply)
            .ThenBy(r => r.CreatedAt)
            .Select(r => new CaseSummary(r.Id, r.Route, r.State, r.CreatedAt, r.UpdatedAt, r.AwaitingReply, r.AdviserId, r.AdviserId is null ? null : names.GetValueOrDefault(r.AdviserId)))
            .ToList();
    }

    /// <summary>The case's minimal details, or null when the viewer may not know of it (then the page answers 404).</summary>
    public async Task<CaseSummary?> SummaryAsync(Guid id, CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var report = await db.Reports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null || !(viewer.IsCaseManager || (viewer.IsAdviser && report.AdviserId == viewer.UserId)))
        {
            return null;
        }

        var names = await AdviserNamesAsync(cancellationToken);
        return new CaseSummary(report.Id, report.Route, report.State, report.CreatedAt, report.UpdatedAt, report.AwaitingReply, report.AdviserId, report.AdviserId is null ? null : names.GetValueOrDefault(report.AdviserId)) { ClosedAt = report.ClosedAt };
    }

    /// <summary>The whole case, decrypted, only for the adviser it is assigned to; the opening is audited.</summary>
    public async Task<CaseDetails?> OpenAsync(Guid id, CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.IsAdviser)
        {
            return null;
        }

        var report = await db.Reports.AsNoTracking().Include(r => r.Key).Include(r => r.Messages)
            .FirstOrDefaultAsync(r => r.Id == id && r.AdviserId == viewer.UserId, cancellationToken);
        if (report?.Key is null)
        {
            return null;
        }

        var dataKey = keys.Unwrap(report.Key);
        try
        {
            var answers = JsonSerializer.Deserialize<ReportAnswers>(ReportCrypto.Decrypt(dataKey, id, ReportStore.PayloadField, report.Payload), Json)!;
            var messages = report.Messages.OrderBy(m => m.CreatedAt)
                .Select(m => new ConversationMessage(m.Id, m.Kind, ReportCrypto.Decrypt(dataKey, id, ReportStore.MessageField(m.Id), m.Body), m.CreatedAt, m.AuthorId))
                .ToList();
            var names = await AdviserNamesAsync(cancellationToken);
            var summary = new CaseSummary(report.Id, report.Route, report.State, report.CreatedAt, report.UpdatedAt, report.AwaitingReply, report.AdviserId, names.GetValueOrDefault(viewer.UserId));
            await audit.RecordAsync(AuditActions.CaseOpened, RecordType, id.ToString("D"), cancellationToken: cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            return new CaseDetails(summary, answers, messages);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Staff who may be given cases: everyone with the Adviser role, by name.</summary>
    public async Task<IReadOnlyList<(string Id, string Name)>> AdvisersAsync(CancellationToken cancellationToken)
    {
        var names = await AdviserNamesAsync(cancellationToken);
        return names.OrderBy(n => n.Value, StringComparer.OrdinalIgnoreCase).Select(n => (n.Key, n.Value)).ToList();
    }

    /// <summary>A Case manager gives the case to an adviser; the adviser is emailed (no detail).</summary>
    public async Task<bool> AssignAsync(Guid id, string adviserId, CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.IsCaseManager || !(await AdviserNamesAsync(cancellationToken)).ContainsKey(adviserId))
        {
            return false;
        }

        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null)
        {
            return false;
        }

        report.AdviserId = adviserId;
        if (report.State == ReportState.New)
        {
            report.State = ReportState.Assigned;
        }

        report.UpdatedAt = clock.GetUtcNow();
        await notifications.AdviserAssignedAsync(report, cancellationToken);
        await audit.RecordAsync(AuditActions.CaseAssigned, RecordType, id.ToString("D"), $"To staff user {adviserId}", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>The assigned adviser writes to the reporter (a named reporter is emailed "you have a new message", no content) or adds a private note.</summary>
    public async Task<bool> WriteAsync(Guid id, ReportMessageKind kind, string text, CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (kind is not (ReportMessageKind.ToReporter or ReportMessageKind.Note))
        {
            throw new ArgumentOutOfRangeException(nameof(kind));
        }

        var report = await AssignedAsync(id, viewer, cancellationToken);
        if (report is null)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        var dataKey = keys.Unwrap(report.Key!);
        try
        {
            AddMessage(report, kind, text, viewer, dataKey, now);
            if (kind == ReportMessageKind.ToReporter)
            {
                report.AwaitingReply = false;
                report.FirstReplyAt ??= now;
                if (report.State is ReportState.New or ReportState.Assigned)
                {
                    report.State = ReportState.InProgress;
                }

                if (report.Route == ReportRoute.Named)
                {
                    var answers = JsonSerializer.Deserialize<ReportAnswers>(ReportCrypto.Decrypt(dataKey, id, ReportStore.PayloadField, report.Payload), Json)!;
                    if (answers.Email is { } email)
                    {
                        notifications.ReporterNewMessage(report, email, answers.Name);
                    }
                }
            }
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }

        report.UpdatedAt = now;
        await audit.RecordAsync(kind == ReportMessageKind.ToReporter ? AuditActions.CaseReplied : AuditActions.CaseNoteAdded, RecordType, id.ToString("D"), cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>Closes a case with its outcome (the assigned adviser), or without one (a Case manager).</summary>
    public async Task<bool> CloseAsync(Guid id, string? outcome, CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        // The assigned adviser may close (with an outcome or without); a Case manager may close without one.
        var report = await AssignedAsync(id, viewer, cancellationToken)
            ?? (string.IsNullOrWhiteSpace(outcome) && viewer.IsCaseManager ? await db.Reports.Include(r => r.Key).FirstOrDefaultAsync(r => r.Id == id, cancellationToken) : null);
        if (report is null || report.State == ReportState.Closed)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        if (!string.IsNullOrWhiteSpace(outcome))
        {
            var dataKey = keys.Unwrap(report.Key!);
            try
            {
                AddMessage(report, ReportMessageKind.Outcome, outcome, viewer, dataKey, now);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(dataKey);
            }
        }

        var from = report.State;
        report.State = ReportState.Closed;
        report.ClosedAt = now;
        report.AwaitingReply = false;
        report.UpdatedAt = now;
        await audit.RecordAsync(AuditActions.CaseStateChanged, RecordType, id.ToString("D"), $"{from} → {ReportState.Closed}", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Opens a closed case again (the Case manager, or the adviser it is assigned to): in progress when it
    /// has an adviser, else new. Its retention clock stops, as it does when the reporter writes again.
    /// </summary>
    public async Task<bool> ReopenAsync(Guid id, CaseViewer viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        var report = await db.Reports.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (report is null || !(viewer.IsCaseManager || (viewer.IsAdviser && report.AdviserId == viewer.UserId)) || report.State != ReportState.Closed)
        {
            return false;
        }

        var now = clock.GetUtcNow();
        report.State = report.AdviserId is null ? ReportState.New : ReportState.InProgress;
        report.ClosedAt = null;
        report.UpdatedAt = now;
        await audit.RecordAsync(AuditActions.CaseStateChanged, RecordType, id.ToString("D"), $"{ReportState.Closed} → {report.State} (reopened by staff)", cancellationToken: cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private void AddMessage(Report report, ReportMessageKind kind, string text, CaseViewer viewer, byte[] dataKey, DateTimeOffset now)
    {
        var message = new ReportMessage { Id = Guid.NewGuid(), ReportId = report.Id, Kind = kind, AuthorId = viewer.UserId, CreatedAt = now };
        message.Body = ReportCrypto.Encrypt(dataKey, report.Id, ReportStore.MessageField(message.Id), text);
        db.ReportMessages.Add(message);
    }

    private async Task<Report?> AssignedAsync(Guid id, CaseViewer viewer, CancellationToken cancellationToken) =>
        viewer.IsAdviser
            ? await db.Reports.Include(r => r.Key).FirstOrDefaultAsync(r => r.Id == id && r.AdviserId == viewer.UserId, cancellationToken) is { Key: not null } report ? report : null
            : null;

    private async Task<Dictionary<string, string>> AdviserNamesAsync(CancellationToken cancellationToken) =>
        await (from user in db.Users
               join userRole in db.UserRoles on user.Id equals userRole.UserId
               join role in db.Roles on userRole.RoleId equals role.Id
               where role.Name == StaffRoles.Adviser
               select new { user.Id, Name = user.Email ?? user.UserName ?? user.Id })
            .ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
}
