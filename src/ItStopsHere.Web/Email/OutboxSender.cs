using ItStopsHere.Web.Data;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Email;

/// <summary>
/// Sends what the outbox holds, in the background, so no web request ever waits for a mail server.
///
/// <para><b>Delivery semantics.</b> For each due message the sender</para>
/// <list type="number">
/// <item><b>claims</b> it, with the rest of its batch: one committed UPDATE moves them from Pending to
/// Sending with a lease (<see cref="EmailOptions.LeaseDuration"/>, longer than any SMTP transaction) and
/// counts the attempt; any the sender does not get to are released again straight away;</item>
/// <item><b>sends</b> it, built entirely from the stored row (bodies written now from the row's
/// template data, for the campaign's own emails), so every attempt carries the same Message-ID and Date;</item>
/// <item><b>records</b> the outcome straight after the server answers: Sent (the bodies, which may hold
/// a personal link, are cleared), Pending again with a back-off, or Failed.</item>
/// </list>
/// <para>Stopping the app (a deploy, a restart) starts no new message but lets the one in progress finish
/// and be recorded, within <see cref="EmailOptions.Timeout"/>: a restart never sends a message twice.</para>
/// <para>The one window we cannot close is a crash (power loss, a killed process) after the server has
/// accepted a message and before "Sent" is committed: nobody can tell whether it went. Its claim then
/// lapses and the next start sends it again, with the same Message-ID. We choose that duplicate over the
/// alternative (never retrying an uncertain claim) because these messages carry the only way a signer
/// can withdraw their signature or confirm it: a lost manage link leaves someone's name on a public page
/// about sexual harassment with no way to take it down themselves, while a second identical thank-you,
/// which many mail programs fold into the first, costs them a moment. The window is one SQLite commit
/// wide, and a crash during the transmission itself is safe: an SMTP server discards a message whose
/// end it never received.</para>
/// </summary>
public sealed partial class OutboxSender(
    IServiceScopeFactory scopes,
    IMailTransport transport,
    SenderIdentitySource sender,
    EmailTemplates templates,
    OutboxSignal signal,
    ISiteLoad load,
    WriteGate gate,
    IOptions<EmailOptions> options,
    TimeProvider time,
    IHostEnvironment environment,
    ILogger<OutboxSender> logger) : BackgroundService
{
    private readonly EmailOptions _options = options.Value;

    // The message whose SMTP transaction is under way, or 0.
    private long _inFlight;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogDestination();
        await using var onStop = stoppingToken.Register(() =>
        {
            var inFlight = Interlocked.Read(ref _inFlight);
            if (inFlight != 0)
            {
                LogFinishingBeforeStop(inFlight);
            }
        });
        var errorDelay = TimeSpan.FromSeconds(1);
        while (!stoppingToken.IsCancellationRequested)
        {
            DateTimeOffset? wakeAt;
            var listen = true;
            try
            {
                var pass = await SendDueAsync(stoppingToken);
                errorDelay = TimeSpan.FromSeconds(1);
                if (pass.ServerDownUntil is { } until)
                {
                    // The server is unreachable: wait for the back-off even if new mail arrives.
                    wakeAt = until;
                    listen = false;
                }
                else if (pass.MayHaveMore)
                {
                    continue;
                }
                else
                {
                    wakeAt = await NextDueAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                // The database (sending errors are handled per message): try again soon, backing off
                // while it lasts. Letting this escape would stop the whole site.
                LogOutboxUnreadable(ex, errorDelay);
                wakeAt = time.GetUtcNow() + errorDelay;
                errorDelay = errorDelay * 2 > _options.Outbox.PollInterval ? _options.Outbox.PollInterval : errorDelay * 2;
            }

            try
            {
                await WaitAsync(wakeAt, listen, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
        }
    }

    private async Task WaitAsync(DateTimeOffset? wakeAt, bool listen, CancellationToken stoppingToken)
    {
        var poll = _options.Outbox.PollInterval;
        var wait = wakeAt is { } at ? at - time.GetUtcNow() : poll;
        if (wait > poll)
        {
            wait = poll;
        }

        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        if (listen)
        {
            await signal.WaitAsync(wait, stoppingToken);
        }
        else
        {
            await Task.Delay(wait, time, stoppingToken);
        }
    }

    private sealed record Pass(bool MayHaveMore, DateTimeOffset? ServerDownUntil);

    /// <summary>
    /// Sends the messages due now, oldest due first, over one connection. The whole batch is claimed in
    /// one commit; whatever it does not get to (the app is stopping, or the server went away) is released
    /// again at once rather than left until its lease lapses.
    /// </summary>
    private async Task<Pass> SendDueAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await UseUnflushedCommitsAsync(db, stoppingToken);
        var batchSize = _options.Outbox.BatchSize;
        var claim = await ClaimDueAsync(db, batchSize, stoppingToken);
        if (claim.Messages.Count == 0)
        {
            return new Pass(false, null);
        }

        var started = 0;
        try
        {
            await using var session = transport.OpenSession();
            foreach (var message in claim.Messages)
            {
                // Once the app is stopping, start nothing new: what is under way is finished, the rest waits.
                if (stoppingToken.IsCancellationRequested)
                {
                    return new Pass(false, null);
                }

                started++;
                Interlocked.Exchange(ref _inFlight, message.Id);
                DateTimeOffset? serverDownUntil;
                try
                {
                    var outcome = await SendAsync(session, message);
                    using (await gate.EnterAsync(CancellationToken.None))
                    {
                        serverDownUntil = await RecordAsync(db, message, outcome);
                    }
                }
                finally
                {
                    Interlocked.Exchange(ref _inFlight, 0);
                }

                if (serverDownUntil is not null)
                {
                    return new Pass(false, serverDownUntil);
                }

                await GiveWayAsync(stoppingToken);
            }
        }
        finally
        {
            if (started < claim.Messages.Count)
            {
                using (await gate.EnterAsync(CancellationToken.None))
                {
                    await ReleaseAsync(db, claim.Messages.Skip(started).Select(m => m.Id).ToList(), claim.LeaseEnds);
                }
            }
        }

        return new Pass(claim.Messages.Count == batchSize, null);
    }

    /// <summary>
    /// While people are waiting on the site, waits <see cref="OutboxOptions.PauseWhileBusy"/> between
    /// messages, checking every few milliseconds whether the queue has cleared. Stopping ends the wait;
    /// the caller then starts nothing new.
    /// </summary>
    private async Task GiveWayAsync(CancellationToken stoppingToken)
    {
        var pause = _options.Outbox.PauseWhileBusy;
        if (pause <= TimeSpan.Zero || !load.PeopleWaiting)
        {
            return;
        }

        var until = time.GetUtcNow() + pause;
        var step = TimeSpan.FromMilliseconds(20);
        try
        {
            while (load.PeopleWaiting && time.GetUtcNow() < until)
            {
                await Task.Delay(step, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// The sender's own bookkeeping (claims and outcomes) is committed with <c>synchronous=NORMAL</c>
    /// (PostgreSQL: <c>synchronous_commit = off</c>): no
    /// disk flush of its own, so it never holds the write lock through a flush while signers wait for
    /// theirs. In WAL mode such a commit survives the process being killed, and the next flush by anyone
    /// (every signing batch flushes) makes it durable too. A power cut before then can only lose a claim or
    /// a "Sent" record, so the message is sent again: the duplicate this class already accepts above.
    /// The connection is held for the scope, so the setting cannot leak into another request's commits
    /// (every connection EF Core opens is set back to FULL by <see cref="Data.SqlitePragmas"/>).
    /// </summary>
    private static async Task UseUnflushedCommitsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA synchronous=NORMAL", cancellationToken);
        }
        else
        {
            // PostgreSQL's equivalent, for this session only (Npgsql resets a connection's settings when it
            // goes back to the pool): the commit is written to the WAL in order but not waited for on disk,
            // so the sender's bookkeeping does not queue its flushes behind the signers'. A server crash can
            // lose at most the last moments' claims or "Sent" records: those emails are sent again, as above.
            // Signatures keep synchronous_commit on.
            await db.Database.ExecuteSqlRawAsync("SET synchronous_commit = off", cancellationToken);
        }
    }

    private sealed record Claim(IReadOnlyList<OutboxMessage> Messages, DateTimeOffset LeaseEnds);

    private static IQueryable<OutboxMessage> Due(AppDbContext db, DateTimeOffset now) =>
        db.OutboxMessages.Where(m =>
            (m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            || (m.Status == OutboxStatus.Sending && m.LeaseExpiresAt <= now));

    /// <summary>
    /// Takes up to <paramref name="batchSize"/> due messages for this sender in one transaction, and
    /// returns those it got (another sender may have taken some first). A Sending message whose lease
    /// has run out was claimed by a process that died mid-send: it is taken over.
    /// </summary>
    private async Task<Claim> ClaimDueAsync(AppDbContext db, int batchSize, CancellationToken stoppingToken)
    {
        var now = time.GetUtcNow();
        // Two queries rather than one with OR, so each is answered from the (Status, NextAttemptAt) index:
        // during a surge tens of thousands of messages wait, and a scan would read every one's bodies.
        var lapsed = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Sending && m.LeaseExpiresAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(batchSize)
            .ToListAsync(stoppingToken);
        var pending = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= now)
            .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
            .Select(m => m.Id)
            .Take(batchSize - lapsed.Count)
            .ToListAsync(stoppingToken);
        var due = lapsed.Concat(pending).ToList();
        var leaseEnds = now + _options.LeaseDuration;
        if (due.Count == 0)
        {
            return new Claim([], leaseEnds);
        }

        using var turn = await gate.EnterAsync(CancellationToken.None);
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        if (!db.Database.IsSqlite())
        {
            // PostgreSQL, where several instances send at once: lock the candidates, skipping any another
            // instance has locked. Until this transaction commits no one else can claim these rows, and once
            // it has, they are Sending with a lease in the future, so no longer due: each email is claimed by
            // one instance. (On SQLite the transaction holds the only write lock, which does the same.)
            // Only rows still due once locked: a candidate another instance claimed (and committed) after the
            // reads above is not locked any more, and must not come back below as ours, which it would if both
            // claims happened to end their leases in the same millisecond (leases are stored in milliseconds).
            var ids = due.ToArray();
            var nowMs = now.ToUnixTimeMilliseconds();
            var pendingStatus = nameof(OutboxStatus.Pending);
            var sendingStatus = nameof(OutboxStatus.Sending);
            due = await db.Database
                .SqlQuery<long>($"""
                    SELECT "Id" AS "Value" FROM "OutboxMessages"
                    WHERE "Id" = ANY({ids})
                      AND (("Status" = {pendingStatus} AND "NextAttemptAt" <= {nowMs}) OR ("Status" = {sendingStatus} AND "LeaseExpiresAt" <= {nowMs}))
                    FOR UPDATE SKIP LOCKED
                    """)
                .ToListAsync(CancellationToken.None);
        }

        var claimed = due.Count == 0 ? 0 : await Due(db, now)
            .Where(m => due.Contains(m.Id))
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.LeaseExpiresAt, leaseEnds)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), CancellationToken.None);
        var messages = claimed == 0
            ? []
            : await db.OutboxMessages.AsNoTracking()
                .Where(m => due.Contains(m.Id) && m.Status == OutboxStatus.Sending && m.LeaseExpiresAt == leaseEnds)
                .OrderBy(m => m.NextAttemptAt).ThenBy(m => m.Id)
                .ToListAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return new Claim(messages, leaseEnds);
    }

    /// <summary>Gives back claimed messages whose attempt never started, uncounted, so they go next time.</summary>
    private static Task<int> ReleaseAsync(AppDbContext db, List<long> ids, DateTimeOffset leaseEnds) =>
        db.OutboxMessages
            .Where(m => ids.Contains(m.Id) && m.Status == OutboxStatus.Sending && m.LeaseExpiresAt == leaseEnds)
            .ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(m => m.Attempts, m => m.Attempts - 1), CancellationToken.None);

    private enum Result
    {
        Accepted,
        Rejected,
        Retry,
        ServerUnavailable,
    }

    private sealed record Outcome(Result Result, string? Error = null);

    /// <summary>
    /// One SMTP transaction, bounded by <see cref="EmailOptions.Timeout"/> and deliberately not by the
    /// app's stopping token: cancelling after the message's end had gone out would leave its fate unknown.
    /// </summary>
    private async Task<Outcome> SendAsync(IMailSession session, OutboxMessage message)
    {
        MimeKit.MimeMessage composed;
        try
        {
            composed = sender.Current.Compose(message, templates.ContentOf(message));
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ArgumentException or InvalidOperationException)
        {
            // The stored row cannot make a message (e.g. its link is no longer on the site's address):
            // that will not change with another attempt.
            return new Outcome(Result.Rejected, "The message could not be composed: " + ex.GetType().Name);
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, time);
        try
        {
            await session.SendAsync(composed, timeout.Token);
            return new Outcome(Result.Accepted);
        }
        catch (SmtpCommandException ex) when ((int)ex.StatusCode >= 500
            && ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            // A permanent "no" to this message or this address: retrying would only repeat it.
            return new Outcome(Result.Rejected, Describe(ex));
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted)
        {
            // "Try later" (4xx) about this message: others may still go.
            return new Outcome(Result.Retry, Describe(ex));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Cannot connect, TLS or sign-in failed, the sender is refused, the connection dropped, the
            // time ran out, the mail folder is not writable: nothing else will get through either.
            return new Outcome(Result.ServerUnavailable, Describe(ex));
        }
    }

    /// <summary>
    /// Emails about a report (issue 15: <c>report:{id}</c>) keep no address once sent or given up: the
    /// record would otherwise say, in plain text for weeks, that this person made a report, which the
    /// report itself keeps encrypted.
    /// </summary>
    public const string ReportReferencePrefix = "report:";

    private static string Describe(Exception ex)
    {
        var status = ex is SmtpCommandException command ? $" {(int)command.StatusCode} {command.ErrorCode}" : "";
        var text = $"{ex.GetType().Name}{status}: {EmailAddresses.Redact(ex.Message)}";
        return text.Length <= 500 ? text : text[..500];
    }

    /// <summary>
    /// Commits the outcome (never cancelled: it must be recorded even while stopping). Returns when to
    /// try the server again, if it was unreachable.
    /// </summary>
    private async Task<DateTimeOffset?> RecordAsync(AppDbContext db, OutboxMessage message, Outcome outcome)
    {
        var now = time.GetUtcNow();
        var mine = db.OutboxMessages.Where(m => m.Id == message.Id && m.Status == OutboxStatus.Sending);
        if (outcome.Result == Result.Accepted)
        {
            var recorded = await mine.ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, OutboxStatus.Sent)
                .SetProperty(m => m.SentAt, now)
                .SetProperty(m => m.ToAddress, m => m.Reference != null && m.Reference.StartsWith(ReportReferencePrefix) ? "" : m.ToAddress)
                .SetProperty(m => m.ToName, m => m.Reference != null && m.Reference.StartsWith(ReportReferencePrefix) ? null : m.ToName)
                .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(m => m.TextBody, (string?)null)
                .SetProperty(m => m.HtmlBody, (string?)null)
                .SetProperty(m => m.TemplateData, (string?)null)
                .SetProperty(m => m.LastError, (string?)null), CancellationToken.None);
            if (recorded == 1)
            {
                Operations.SiteMetrics.EmailsSent.Add(1);
                LogSent(message.Id, message.Kind, message.Attempts, transport.Destination);
            }
            else
            {
                LogErasedWhileSending(message.Id, message.Kind);
            }

            return null;
        }

        var giveUp = outcome.Result == Result.Rejected || message.Attempts >= _options.Outbox.MaxAttempts;
        var delay = RetryPolicy.DelayAfter(message.Attempts, _options.Outbox, Random.Shared);
        if (giveUp)
        {
            await mine.ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, OutboxStatus.Failed)
                .SetProperty(m => m.FailedAt, now)
                .SetProperty(m => m.ToAddress, m => m.Reference != null && m.Reference.StartsWith(ReportReferencePrefix) ? "" : m.ToAddress)
                .SetProperty(m => m.ToName, m => m.Reference != null && m.Reference.StartsWith(ReportReferencePrefix) ? null : m.ToName)
                .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(m => m.TextBody, (string?)null)
                .SetProperty(m => m.HtmlBody, (string?)null)
                .SetProperty(m => m.TemplateData, (string?)null)
                .SetProperty(m => m.LastError, outcome.Error), CancellationToken.None);
            Operations.SiteMetrics.EmailFailures.Add(1, new KeyValuePair<string, object?>("outcome", "gave_up"));
            LogGaveUp(message.Id, message.Kind, message.Attempts, outcome.Error);
        }
        else
        {
            await mine.ExecuteUpdateAsync(set => set
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.NextAttemptAt, now + delay)
                .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null)
                .SetProperty(m => m.LastError, outcome.Error), CancellationToken.None);
            Operations.SiteMetrics.EmailFailures.Add(1, new KeyValuePair<string, object?>("outcome", "retry"));
            LogWillRetry(message.Id, message.Kind, message.Attempts, _options.Outbox.MaxAttempts, delay, outcome.Error);
        }

        return outcome.Result == Result.ServerUnavailable ? now + delay : null;
    }

    /// <summary>The soonest moment a message becomes due (a retry, or a lapsed claim), if any.</summary>
    private async Task<DateTimeOffset?> NextDueAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var nextPending = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Pending)
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => (DateTimeOffset?)m.NextAttemptAt)
            .FirstOrDefaultAsync(stoppingToken);
        var nextLapse = await db.OutboxMessages
            .Where(m => m.Status == OutboxStatus.Sending)
            .OrderBy(m => m.LeaseExpiresAt)
            .Select(m => m.LeaseExpiresAt)
            .FirstOrDefaultAsync(stoppingToken);
        return (nextPending, nextLapse) switch
        {
            (null, var lapse) => lapse,
            (var pending, null) => pending,
            ({ } pending, { } lapse) => pending < lapse ? pending : lapse,
        };
    }

    private void LogDestination()
    {
        if (transport is PickupDirectoryTransport pickup)
        {
            if (environment.IsDevelopment())
            {
                LogWritingToFolder(pickup.Folder);
            }
            else
            {
                LogWritingToFolderOutsideDevelopment(pickup.Folder);
            }
        }
        else
        {
            LogSendingThrough(transport.Destination);
        }
    }

    // Log lines name messages by their outbox id and kind, never by address, subject or content.

    [LoggerMessage(Level = LogLevel.Information, Message = "Email: no SMTP host is configured (Email:Host), so messages are written as .eml files to {MailFolder}")]
    private partial void LogWritingToFolder(string mailFolder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email: no SMTP host is configured (Email:Host), so messages are NOT sent: they are written as .eml files to {MailFolder}")]
    private partial void LogWritingToFolderOutsideDevelopment(string mailFolder);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email: sending through {SmtpServer}")]
    private partial void LogSendingThrough(string smtpServer);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {OutboxId} ({Kind}) delivered to {Destination} on attempt {Attempt}")]
    private partial void LogSent(long outboxId, string kind, int attempt, string destination);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email {OutboxId} ({Kind}) was handed over, but had been erased meanwhile; nothing is kept")]
    private partial void LogErasedWhileSending(long outboxId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email {OutboxId} ({Kind}) attempt {Attempt} of {MaxAttempts} failed; next attempt in {RetryDelay}: {Error}")]
    private partial void LogWillRetry(long outboxId, string kind, int attempt, int maxAttempts, TimeSpan retryDelay, string? error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email {OutboxId} ({Kind}) could not be delivered and will not be retried (after {Attempts} attempt(s)): {Error}")]
    private partial void LogGaveUp(long outboxId, string kind, int attempts, string? error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Email: the app is stopping; finishing email {OutboxId} first, so it is neither lost nor sent twice")]
    private partial void LogFinishingBeforeStop(long outboxId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Email: the outbox could not be read or updated; trying again in {RetryDelay}")]
    private partial void LogOutboxUnreadable(Exception exception, TimeSpan retryDelay);
}
