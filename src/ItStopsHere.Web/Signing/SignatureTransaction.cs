using ItStopsHere.Web.Data;
using System.Data.Common;
using Npgsql;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// One open write transaction of <see cref="SignatureWriter"/>. Every change to a signature's
/// public state goes through here, so numbering, the count and the live feeds stay in step: a
/// signature gets its public number the first time it is published, keeps it if it is hidden and
/// restored, and a number is never handed out twice. Moderation (approve, hide, restore, delete)
/// and the signer's own changes (confirm, withdraw) run as work given to
/// <see cref="SignatureWriter.RunAsync{T}"/>, which calls these methods inside its batch.
/// </summary>
public sealed class SignatureTransaction
{
    private readonly List<FeedChange> _changes = [];
    private readonly long _startNumber;

    private readonly IServiceScopeFactory? _scopes;

    internal SignatureTransaction(DbConnection connection, DbTransaction transaction, DateTimeOffset now, IServiceScopeFactory? scopes = null)
    {
        _scopes = scopes;
        Connection = connection;
        Transaction = transaction;
        Now = now;
        IsPostgreSql = connection is NpgsqlConnection;
        // The counter row is read first. On SQLite the writer's transaction is IMMEDIATE: it holds the
        // database's one write lock from its start, so no other writer (this process or another) can hand
        // out a number until it commits. On PostgreSQL several instances write at once, so the row is locked
        // (FOR UPDATE) until this transaction commits or rolls back: numbering is serialised across every
        // instance, each batch continues from the last committed number, and a rolled-back batch gives its
        // numbers back (unlike a sequence, which would leave gaps). Numbers stay unique and gap-free
        // (a gap appears only where a signature was erased).
        using var read = Command(IsPostgreSql
            ? """SELECT "LastNumber" FROM "PledgeState" WHERE "Id" = @id FOR UPDATE"""
            : """SELECT "LastNumber" FROM "PledgeState" WHERE "Id" = @id""");
        read.With("id", PledgeState.SingletonId);
        _startNumber = LastNumber = (long)(read.ExecuteScalar()
            ?? throw new InvalidOperationException("The pledge state row is missing; were the migrations applied?"));
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    /// <summary>True on PostgreSQL, where a few statements differ (types such as uuid and date, arrays).</summary>
    public bool IsPostgreSql { get; }

    /// <summary>The time of this batch, used for every timestamp it writes.</summary>
    public DateTimeOffset Now { get; }

    /// <summary>The last public number handed out, including those handed out in this transaction.</summary>
    public long LastNumber { get; private set; }

    internal IReadOnlyList<FeedChange> Changes => _changes;

    /// <summary>Pledges collected offline added (or, negative, removed) in this transaction.</summary>
    internal long OfflineDelta { get; private set; }

    /// <summary>Records that this transaction changed the offline total, so the public count follows on commit.</summary>
    public void AdjustOffline(long delta) => OfflineDelta += delta;

    internal bool AnyTakenDown => _changes.Any(c => !c.IsPublished);

    /// <summary>A command enlisted in this transaction, for work the methods here do not cover.</summary>
    public DbCommand Command(string sql)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>
    /// Saves what <paramref name="add"/> adds to an EF Core context on this transaction's connection, at
    /// once and inside this transaction: for rows whose one description is the EF model (the audit log,
    /// through <c>AuditLog.Record</c>). A failure rolls back only this save (EF Core's savepoint).
    /// </summary>
    public void Save(Action<AppDbContext> add)
    {
        ArgumentNullException.ThrowIfNull(add);
        using var scope = (_scopes ?? throw new InvalidOperationException("This transaction cannot save entities.")).CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Database.SetDbConnection(Connection);
        db.Database.UseTransaction(Transaction);
        add(db);
        db.SaveChanges();
    }

    /// <summary>
    /// Inserts a new signature with a command from <see cref="SignatureColumns.PrepareInsert"/>; a repeat
    /// address changes nothing and reports a duplicate.
    /// </summary>
    public SignOutcome Insert(NewSignature signature, DbCommand insert)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var publish = signature.InitialStatus == SignatureStatus.Published;
        long? number = publish ? LastNumber + 1 : null;
        SignatureColumns.BindInsert(insert, signature, number, publish ? Now : null);

        // ON CONFLICT DO NOTHING: if another writer stored the same address since the pre-check, no row
        // comes back and this signing is a repeat, without failing the rest of the batch.
        if (insert.ExecuteScalar() is not long id)
        {
            return SignOutcome.Duplicate;
        }

        if (number is { } n)
        {
            LastNumber = n;
            _changes.Add(new FeedChange(true, signature.ToFacts(n)));
        }

        return new SignOutcome(SignOutcomeKind.Added, id, number, signature.InitialStatus);
    }

    /// <summary>
    /// PostgreSQL: inserts several new signatures with one statement from <see cref="SignatureColumns.PrepareInsertAll"/>
    /// (one round trip to the server instead of one per signature), numbering the published ones in order from the
    /// counter. The caller leaves out repeats, within the list and of stored addresses: its check ran after this
    /// transaction locked the counter row, which every writer on every instance takes first, so it saw every signature
    /// a writer committed. Should a row still meet the unique index (a signature stored by something other than a
    /// writer), the numbers given to the rows after it would leave a gap, so this throws instead
    /// (<see cref="SignatureConflictException"/>): the writer rolls the whole batch back and retries each item in a
    /// transaction of its own (<see cref="Insert"/>, which answers a repeat without using a number).
    /// </summary>
    internal IReadOnlyList<SignOutcome> InsertAll(IReadOnlyList<NewSignature> signatures, DbCommand insertAll)
    {
        var rows = new List<(NewSignature Signature, long? Number, DateTimeOffset? PublishedAt)>(signatures.Count);
        var next = LastNumber;
        foreach (var signature in signatures)
        {
            var publish = signature.InitialStatus == SignatureStatus.Published;
            rows.Add((signature, publish ? ++next : null, publish ? Now : null));
        }

        SignatureColumns.BindInsertAll(insertAll, rows);
        var ids = new Dictionary<string, long>(signatures.Count, StringComparer.Ordinal);
        using (var reader = insertAll.ExecuteReader())
        {
            while (reader.Read())
            {
                ids[reader.GetString(1)] = reader.GetInt64(0);
            }
        }

        if (ids.Count != rows.Count)
        {
            throw new SignatureConflictException(rows.Count - ids.Count);
        }

        LastNumber = next;
        var outcomes = new SignOutcome[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            var (signature, number, _) = rows[i];
            if (number is { } n)
            {
                _changes.Add(new FeedChange(true, signature.ToFacts(n)));
            }

            outcomes[i] = new SignOutcome(SignOutcomeKind.Added, ids[signature.NormalizedEmail], number, signature.InitialStatus);
        }

        return outcomes;
    }

    /// <summary>
    /// Moves a signature to <paramref name="status"/>: publishing assigns the next number the first time
    /// (a restored signature keeps its old one); leaving Published removes it from the count and feeds.
    /// Returns false when there is no such signature or it already has that status.
    /// </summary>
    public bool SetStatus(long signatureId, SignatureStatus status)
    {
        var current = Read(signatureId);
        if (current is null || current.Value.Status == status)
        {
            return false;
        }

        var (oldStatus, number, facts) = current.Value;
        if (status == SignatureStatus.Published)
        {
            number ??= LastNumber + 1;
            LastNumber = Math.Max(LastNumber, number.Value);
        }

        using var update = Command("""
            UPDATE "Signatures"
            SET "Status" = @status, "Number" = @number, "StatusChangedAt" = @now,
                "PublishedAt" = CASE WHEN @status = 1 THEN coalesce("PublishedAt", @now) ELSE "PublishedAt" END
            WHERE "Id" = @id
            """);
        update.With("status", (int)status);
        update.With("number", (object?)number ?? DBNull.Value);
        update.With("now", Now.ToUnixTimeMilliseconds());
        update.With("id", signatureId);
        update.ExecuteNonQuery();

        if (status == SignatureStatus.Published)
        {
            _changes.Add(new FeedChange(true, facts with { Number = number!.Value }));
        }
        else if (oldStatus == SignatureStatus.Published)
        {
            _changes.Add(new FeedChange(false, facts));
        }

        return true;
    }

    /// <summary>
    /// Deletes a signature and all its personal data. Its number stays used: the count drops and a gap
    /// remains. Returns false when there is no such signature.
    /// </summary>
    public bool Erase(long signatureId)
    {
        var current = Read(signatureId);
        if (current is null)
        {
            return false;
        }

        using var delete = Command("""DELETE FROM "Signatures" WHERE "Id" = @id""");
        delete.With("id", signatureId);
        delete.ExecuteNonQuery();
        if (current.Value.Status == SignatureStatus.Published)
        {
            _changes.Add(new FeedChange(false, current.Value.Facts));
        }

        return true;
    }

    /// <summary>
    /// Changes how a signature's name appears; a published one is taken out of the feeds and put back
    /// as it now reads (its number and count stay). Returns false when there is no such signature.
    /// </summary>
    public bool SetNameDisplay(long signatureId, NameDisplay display)
    {
        var current = Read(signatureId);
        if (current is null)
        {
            return false;
        }

        using var update = Command("""UPDATE "Signatures" SET "NameDisplay" = @display WHERE "Id" = @id""");
        update.With("display", (int)display);
        update.With("id", signatureId);
        update.ExecuteNonQuery();
        if (current.Value.Status == SignatureStatus.Published)
        {
            _changes.Add(new FeedChange(false, current.Value.Facts));
            _changes.Add(new FeedChange(true, current.Value.Facts with { NameDisplay = display }));
        }

        return true;
    }

    internal void SaveCounter()
    {
        if (LastNumber == _startNumber)
        {
            return;
        }

        using var update = Command("""UPDATE "PledgeState" SET "LastNumber" = @last WHERE "Id" = @id""");
        update.With("last", LastNumber);
        update.With("id", PledgeState.SingletonId);
        update.ExecuteNonQuery();
    }

    private (SignatureStatus Status, long? Number, SignatureFacts Facts)? Read(long signatureId)
    {
        using var select = Command($"""SELECT {SignatureColumns.FactsSql} FROM "Signatures" WHERE "Id" = @id""");
        select.With("id", signatureId);
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return (SignatureColumns.ReadStatus(reader), SignatureColumns.ReadNumber(reader), SignatureColumns.ReadFacts(reader));
    }
}
