using MailKit.Security;

namespace ItStopsHere.Web.Email;

/// <summary>How the outbox retries: <c>Email:Outbox</c>.</summary>
public sealed class OutboxOptions
{
    /// <summary>
    /// Attempts before a message is marked failed. With the default delays (30 s doubling to a cap of
    /// 2 hours) 20 attempts cover a mail server that is down for about a day.
    /// </summary>
    public int MaxAttempts { get; set; } = 20;

    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(2);

    /// <summary>
    /// How often the sender looks for due messages when nothing wakes it. Enqueuing wakes it at once;
    /// this is the safety net for messages written by another process (for example the CLI).
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Messages sent over one SMTP connection before the sender looks again.</summary>
    public int BatchSize { get; set; } = 20;

    /// <summary>
    /// While people are waiting on the site (<see cref="ISiteLoad"/>: signatures queueing for the
    /// database), the sender sends one message and then waits this long, or until the queue clears,
    /// before the next: at most 10 a second by default, so a surge of signings is not slowed by their
    /// own thank-you emails; the backlog goes out at full speed as soon as the surge passes.
    /// Zero turns this off.
    /// </summary>
    public TimeSpan PauseWhileBusy { get; set; } = TimeSpan.FromMilliseconds(100);
}
