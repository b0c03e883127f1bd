using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using System.Data.Common;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// The emails a signer gets, written into the outbox inside the <see cref="SignatureWriter"/>'s own
/// transaction: a signature and its thank-you (or confirmation request) commit together or not at all,
/// with one more small row in the same group commit, so signing costs no extra disk flush. The row holds
/// the template's values; the sender writes the bodies later, off the signing's path. Each email
/// carries a fresh personal link; only the link's hash is kept (<see cref="ManageToken"/>).
/// <para>A repeat signing changes nothing on screen; the address's owner gets an email saying what
/// happened, with a fresh link, at most <see cref="PledgeOptions.RepeatEmailsPerDay"/> a day (and for
/// an unconfirmed signature, the confirmation link again at most <see cref="PledgeOptions.MaxConfirmationResends"/> times).</para>
/// Everything here runs on the writer's single thread.
/// </summary>
public sealed partial class SignerEmails(
    EmailTemplates templates,
    IOptions<CampaignOptions> campaign,
    IOptions<PledgeOptions> options,
    OutboxSignal signal,
    ILogger<SignerEmails> logger) : ISigningFollowUp
{
    private const string InsertOutboxSql = """
        INSERT INTO "OutboxMessages" ("MessageKey", "Kind", "Reference", "ToAddress", "ToName", "Subject", "TemplateData",
            "Status", "Attempts", "CreatedAt", "NextAttemptAt")
        VALUES (@key, @kind, @reference, @to, @toName, @subject, @data, 'Pending', 0, @now, @now)
        """;

    private const string SetTokenSql = """UPDATE "Signatures" SET "ManageTokenHash" = @hash WHERE "Id" = @id""";

    private DbCommand? _insertOutbox;
    private DbCommand? _setToken;
    private bool _enqueued;

    /// <summary>The outbox reference of every message about a signature, so it is erased with it.</summary>
    public static string Reference(long signatureId) => FormattableString.Invariant($"signature:{signatureId}");

    public void Added(SignatureTransaction tx, NewSignature signature, SignOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(signature);
        var id = outcome.SignatureId ?? throw new InvalidOperationException("An added signature has an id.");
        if (!EmailAddresses.IsValid(signature.Email))
        {
            // The form's check and the mail library's disagree; the signature stands, without a link.
            LogCannotEmail(id);
            return;
        }

        // Usually made on the request's thread and already stored with the row.
        var token = signature.Link?.Token ?? SetNewToken(tx, id);
        var (kind, data) = FirstEmail(signature, outcome.Number, token);
        Enqueue(tx, signature.Email, ToName(signature.Type, signature.Name), kind, data, id);
    }

    /// <summary>A new signer's first email: the thank-you, or the confirmation request when confirming is on.</summary>
    internal (string Kind, string Data) FirstEmail(NewSignature signature, long? number, string token) =>
        signature.InitialStatus == SignatureStatus.Unconfirmed
            ? (EmailTemplates.ConfirmationKind, EmailTemplates.Data(new ConfirmationEmail(ConfirmUrl(token), ExpiresAt(signature.SignedAt))))
            : (EmailTemplates.ThankYouKind, EmailTemplates.Data(ThankYouModel(signature.ToFacts(number ?? 0), number, token)));

    public void Repeated(SignatureTransaction tx, NewSignature signature)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(signature);
        using var select = tx.Command($"""
            SELECT {SignatureColumns.FactsSql}, "Id", "Email", "RepeatNotices", "RepeatNoticeDay", "RepeatNoticesThatDay"
            FROM "Signatures" WHERE "NormalizedEmail" = @email
            """);
        select.With("email", signature.NormalizedEmail);
        SignatureFacts facts;
        SignatureStatus status;
        long id;
        string? email;
        int total, today;
        var day = tx.Now.ToUnixTimeSeconds() / 86_400;
        using (var reader = select.ExecuteReader())
        {
            if (!reader.Read())
            {
                return;
            }

            status = SignatureColumns.ReadStatus(reader);
            facts = SignatureColumns.ReadFacts(reader);
            id = SignatureColumns.Int64(reader, nameof(Signature.Id))!.Value;
            email = SignatureColumns.Text(reader, nameof(Signature.Email));
            total = (int)SignatureColumns.Int64(reader, nameof(Signature.RepeatNotices))!.Value;
            today = SignatureColumns.Int64(reader, nameof(Signature.RepeatNoticeDay)) == day
                ? (int)SignatureColumns.Int64(reader, nameof(Signature.RepeatNoticesThatDay))!.Value
                : 0;
        }

        var unconfirmed = status == SignatureStatus.Unconfirmed;
        if (today >= options.Value.RepeatEmailsPerDay || (unconfirmed && total >= options.Value.MaxConfirmationResends))
        {
            LogRepeatNotEmailed(id);
            return;
        }

        if (email is null || !EmailAddresses.IsValid(email))
        {
            return;
        }

        var token = SetNewToken(tx, id);
        using (var count = tx.Command("""
            UPDATE "Signatures" SET "RepeatNotices" = "RepeatNotices" + 1, "RepeatNoticeDay" = @day, "RepeatNoticesThatDay" = @today
            WHERE "Id" = @id
            """))
        {
            count.With("day", day);
            count.With("today", today + 1);
            count.With("id", id);
            count.ExecuteNonQuery();
        }

        if (unconfirmed)
        {
            var data = EmailTemplates.Data(new ConfirmationEmail(ConfirmUrl(token), ExpiresAt(facts.SignedAt)));
            Enqueue(tx, email, ToName(facts.Type, facts.Name), EmailTemplates.ConfirmationKind, data, id);
        }
        else
        {
            var shown = status == SignatureStatus.Published ? facts.ToPublic().DisplayName : null;
            var data = EmailTemplates.Data(new AlreadySignedEmail(shown, ManageUrl(token)));
            Enqueue(tx, email, ToName(facts.Type, facts.Name), EmailTemplates.AlreadySignedKind, data, id);
        }
    }

    /// <summary>
    /// Publishes (or holds, as <paramref name="status"/> says) the unconfirmed signature whose link hashes
    /// to <paramref name="tokenHash"/>, and sends its thank-you with a fresh manage link (the confirmation
    /// link stops working). Returns null when there is no such unconfirmed signature.
    /// </summary>
    public SignOutcome? Confirm(SignatureTransaction tx, string tokenHash, SignatureStatus status)
    {
        ArgumentNullException.ThrowIfNull(tx);
        var found = SignerChanges.Find(tx, tokenHash);
        if (found is not { Status: SignatureStatus.Unconfirmed } signature)
        {
            return null;
        }

        tx.SetStatus(signature.Id, status);
        var now = SignerChanges.Find(tx, tokenHash)!.Value;
        if (signature.Email is { } email && EmailAddresses.IsValid(email))
        {
            var token = SetNewToken(tx, signature.Id);
            var published = status == SignatureStatus.Published ? now.Number : null;
            var data = EmailTemplates.Data(ThankYouModel(now.Facts, published, token));
            Enqueue(tx, email, ToName(now.Facts.Type, now.Facts.Name), EmailTemplates.ThankYouKind, data, signature.Id);
        }

        return new SignOutcome(SignOutcomeKind.Added, signature.Id, status == SignatureStatus.Published ? now.Number : null, status);
    }

    public void Committed()
    {
        if (_enqueued)
        {
            _enqueued = false;
            signal.Notify();
        }
    }

    private ThankYouEmail ThankYouModel(SignatureFacts facts, long? number, string token) => new(
        facts.ToPublic().DisplayName,
        number,
        SignatureDisplay.Actions.Where(a => facts.Actions.HasFlag(a.Action)).Select(a => a.Label).ToList(),
        ManageUrl(token));

    private string ManageUrl(string token) => SiteUrl + "/pledge/manage?token=" + token;

    private string ConfirmUrl(string token) => SiteUrl + "/pledge/confirm?token=" + token;

    private string SiteUrl => campaign.Value.SiteUrl.TrimEnd('/');

    private DateTimeOffset ExpiresAt(DateTimeOffset signedAt) => signedAt.AddDays(options.Value.UnconfirmedExpiryDays);

    /// <summary>Whom an email is addressed to by name: a person, never a group.</summary>
    internal static string? ToName(SignatoryType type, string name) => type == SignatoryType.Individual ? name : null;

    private string SetNewToken(SignatureTransaction tx, long signatureId)
    {
        var (token, hash) = ManageToken.Create();
        _setToken = Reuse(_setToken, tx, SetTokenSql, "hash", "id");
        _setToken.Set("hash", hash);
        _setToken.Set("id", signatureId);
        _setToken.ExecuteNonQuery();
        return token;
    }

    /// <summary>
    /// Adds the message to the outbox in the writer's transaction. Only the template's values are
    /// stored: the sender writes the bodies when it sends, so composing them costs the signing nothing.
    /// </summary>
    private void Enqueue(SignatureTransaction tx, string to, string? toName, string kind, string templateData, long signatureId)
    {
        _insertOutbox = Reuse(_insertOutbox, tx, InsertOutboxSql, "key", "kind", "reference", "to", "toName", "subject", "data", "now");
        var insert = _insertOutbox;
        // Time-ordered, so a surge appends to the key's index instead of touching a random page per message.
        // EF Core stores a Guid on SQLite as upper-case text (a Guid parameter would be bound as a blob), on PostgreSQL as uuid.
        var key = Guid.CreateVersion7();
        insert.Set("key", tx.IsPostgreSql ? key : key.ToString().ToUpperInvariant());
        insert.Set("kind", kind);
        insert.Set("reference", Reference(signatureId));
        insert.Set("to", to.Trim());
        insert.Set("toName", toName);
        insert.Set("subject", templates.SubjectOf(kind));
        insert.Set("data", templateData);
        insert.Set("now", tx.Now.ToUnixTimeMilliseconds());
        _insertOutbox.ExecuteNonQuery();
        _enqueued = true;
    }

    /// <summary>One prepared command per statement for the writer's connection, enlisted in the current transaction.</summary>
    private static DbCommand Reuse(DbCommand? command, SignatureTransaction tx, string sql, params string[] parameters)
    {
        if (command is null || command.Connection != tx.Connection)
        {
            command?.Dispose();
            command = tx.Connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
            {
                command.With(name, null);
            }
        }

        command.Transaction = tx.Transaction;
        return command;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signature {SignatureId}: the address cannot be emailed, so no personal link was sent")]
    private partial void LogCannotEmail(long signatureId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Repeat signing for signature {SignatureId}: email limit reached, none sent")]
    private partial void LogRepeatNotEmailed(long signatureId);
}
