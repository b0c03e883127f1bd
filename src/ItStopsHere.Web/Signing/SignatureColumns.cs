using System.Globalization;
using System.Linq.Expressions;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using System.Data.Common;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// The one description of a signature row outside the EF model: every column of <c>"Signatures"</c>,
/// how a <see cref="NewSignature"/> fills it, how the signing's raw SQL reads it back (by name), and what
/// the exports show of it. The writer's insert, <see cref="SignatureTransaction"/>, <see cref="SignerEmails"/>,
/// the admin CSV export, the data-subject export, the demo seeder and the benchmark's stores all use it,
/// so a new pledge field is added here once (and to the entity, the form and a migration).
/// <c>SignatureColumnsTests</c> fails when this list and the EF model disagree.
/// </summary>
public static class SignatureColumns
{
    public const string Table = "Signatures";

    /// <summary>
    /// Every column, in table order. Those with a value are written by the insert, from the new signature
    /// and the number and publication time the writer gives it (and the PostgreSQL type of the array that
    /// carries the column in <see cref="PostgreSqlInsertAllSql"/>); the rest start empty (or at their default)
    /// and are changed later by the method named beside them.
    /// </summary>
    private static readonly Column[] All =
    [
        new(nameof(Signature.Id)), // assigned by the database
        new(nameof(Signature.Number), "bigint", (_, number, _) => number),
        new(nameof(Signature.Status), "integer", (s, _, _) => (int)s.InitialStatus),
        new(nameof(Signature.SignatoryType), "integer", (s, _, _) => (int)s.Type),
        new(nameof(Signature.Name), "text", (s, _, _) => s.Name),
        new(nameof(Signature.Affiliation), "integer", (s, _, _) => s.Affiliation is { } a ? (int)a : null),
        new(nameof(Signature.Detail), "text", (s, _, _) => s.Detail),
        new(nameof(Signature.Email), "text", (s, _, _) => s.Email),
        new(nameof(Signature.NormalizedEmail), "text", (s, _, _) => s.NormalizedEmail),
        new(nameof(Signature.Actions), "integer", (s, _, _) => (int)s.Actions),
        new(nameof(Signature.NameDisplay), "integer", (s, _, _) => (int)s.NameDisplay),
        new(nameof(Signature.ClientHash), "text", (s, _, _) => s.ClientHash),
        new(nameof(Signature.SignedAt), "bigint", (s, _, _) => s.SignedAt.ToUnixTimeMilliseconds()),
        new(nameof(Signature.PublishedAt), "bigint", (_, _, publishedAt) => publishedAt?.ToUnixTimeMilliseconds()),
        new(nameof(Signature.StatusChangedAt)), // SignatureTransaction.SetStatus
        new(nameof(Signature.ManageTokenHash), "text", (s, _, _) => s.Link?.Hash), // later: SignerEmails, a fresh link
        new(nameof(Signature.RepeatNotices)), // SignerEmails.Repeated (default 0)
        new(nameof(Signature.RepeatNoticeDay)), // SignerEmails.Repeated
        new(nameof(Signature.RepeatNoticesThatDay)), // SignerEmails.Repeated (default 0)
    ];

    private static readonly Column[] Inserted = [.. All.Where(c => c.Insert is not null)];

    /// <summary>What <see cref="SignatureFacts"/> is read from, for a <c>SELECT</c> list (<see cref="FactsReader"/>).</summary>
    public const string FactsSql = """
        "Number", "Status", "SignatoryType", "Name", "NameDisplay", "Affiliation", "Detail", "Actions", "SignedAt"
        """;

    /// <summary>Every column's name, in table order: what the EF model must map (the tests compare the two).</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(c => c.Name)];

    /// <summary>The columns the insert writes.</summary>
    public static IReadOnlyList<string> InsertedNames { get; } = [.. Inserted.Select(c => c.Name)];

    /// <summary>
    /// Inserts a new signature and returns its id; a repeat address (the unique index on
    /// <c>NormalizedEmail</c>) inserts nothing and returns no row.
    /// </summary>
    public static string InsertSql { get; } = $"""
        INSERT INTO "{Table}" ({string.Join(", ", Inserted.Select(c => $"\"{c.Name}\""))})
        VALUES ({string.Join(", ", Inserted.Select(c => "@" + c.Name))})
        ON CONFLICT ("{nameof(Signature.NormalizedEmail)}") DO NOTHING
        RETURNING "{nameof(Signature.Id)}"
        """;

    /// <summary>
    /// PostgreSQL: inserts many new signatures with one statement, one round trip to the server however
    /// many rows: each column comes as one array (<see cref="BindInsertAll"/>), <c>unnest</c> turns the
    /// arrays back into rows. Returns the id and address of each row inserted; a repeat address inserts
    /// nothing and returns no row.
    /// </summary>
    public static string PostgreSqlInsertAllSql { get; } = $"""
        INSERT INTO "{Table}" ({string.Join(", ", Inserted.Select(c => $"\"{c.Name}\""))})
        SELECT * FROM unnest({string.Join(", ", Inserted.Select(c => $"@{c.Name}::{c.ArrayType}[]"))})
        ON CONFLICT ("{nameof(Signature.NormalizedEmail)}") DO NOTHING
        RETURNING "{nameof(Signature.Id)}", "{nameof(Signature.NormalizedEmail)}"
        """;

    /// <summary>A <see cref="PostgreSqlInsertAllSql"/> on <paramref name="connection"/>, its parameters in place for <see cref="BindInsertAll"/>.</summary>
    public static DbCommand PrepareInsertAll(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var insert = connection.CreateCommand();
        insert.CommandText = PostgreSqlInsertAllSql;
        foreach (var column in Inserted)
        {
            insert.With(column.Name, null);
        }

        return insert;
    }

    /// <summary>
    /// Sets the parameters of a command made by <see cref="PrepareInsertAll"/>: for each column, the array of
    /// its values for <paramref name="rows"/>, in order (each new signature with its number and publication time).
    /// </summary>
    public static void BindInsertAll(DbCommand insert, IReadOnlyList<(NewSignature Signature, long? Number, DateTimeOffset? PublishedAt)> rows)
    {
        ArgumentNullException.ThrowIfNull(insert);
        ArgumentNullException.ThrowIfNull(rows);
        foreach (var (signature, _, _) in rows)
        {
            if (signature.SignedAt == default)
            {
                throw new ArgumentException("A signature is stored with the time it was signed.", nameof(rows));
            }
        }

        for (var i = 0; i < Inserted.Length; i++)
        {
            var insertValue = Inserted[i].Insert!;
            IEnumerable<object?> values = rows.Select(r => insertValue(r.Signature, r.Number, r.PublishedAt));
            // Typed arrays, so Npgsql sends bigint[], integer[] and text[] (nulls included).
            insert.Parameters[i].Value = Inserted[i].ArrayType switch
            {
                "bigint" => values.Select(v => (long?)v).ToArray(),
                "integer" => values.Select(v => (int?)v).ToArray(),
                _ => values.Select(v => (string?)PostgreSqlNulCharacters.Clean(insert, v)).ToArray(),
            };
        }
    }

    /// <summary>A prepared <see cref="InsertSql"/> on <paramref name="connection"/>, its parameters in place for <see cref="BindInsert"/>.</summary>
    public static DbCommand PrepareInsert(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var insert = connection.CreateCommand();
        insert.CommandText = InsertSql;
        foreach (var column in Inserted)
        {
            insert.With(column.Name, null);
        }

        return insert;
    }

    /// <summary>Sets the parameters of a command made by <see cref="PrepareInsert"/>, each from its column's rule.</summary>
    public static void BindInsert(DbCommand insert, NewSignature signature, long? number, DateTimeOffset? publishedAt)
    {
        ArgumentNullException.ThrowIfNull(insert);
        ArgumentNullException.ThrowIfNull(signature);
        if (signature.SignedAt == default)
        {
            throw new ArgumentException("A signature is stored with the time it was signed.", nameof(signature));
        }

        for (var i = 0; i < Inserted.Length; i++)
        {
            // PrepareInsert added one parameter per inserted column, in this order.
            insert.Parameters[i].Value = Inserted[i].Insert!(signature, number, publishedAt) ?? DBNull.Value;
        }
    }

    /// <summary>
    /// The same row as an entity, for code that saves through EF Core (the demo data, the benchmark's
    /// one-<c>SaveChanges</c>-per-request store).
    /// </summary>
    public static Signature ToEntity(NewSignature signature, long? number, DateTimeOffset? publishedAt)
    {
        ArgumentNullException.ThrowIfNull(signature);
        return new Signature
        {
            Number = number,
            Status = signature.InitialStatus,
            SignatoryType = signature.Type,
            Name = signature.Name,
            Affiliation = signature.Affiliation,
            Detail = signature.Detail,
            Email = signature.Email,
            NormalizedEmail = signature.NormalizedEmail,
            Actions = signature.Actions,
            NameDisplay = signature.NameDisplay,
            ClientHash = signature.ClientHash,
            SignedAt = signature.SignedAt,
            PublishedAt = publishedAt,
            ManageTokenHash = signature.Link?.Hash,
        };
    }

    /// <summary>A stored signature as a new one with <paramref name="status"/> (to screen it again when it is confirmed).</summary>
    public static NewSignature ToNewSignature(Signature row, SignatureStatus status)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new NewSignature
        {
            Type = row.SignatoryType,
            Name = row.Name,
            Affiliation = row.Affiliation,
            Detail = row.Detail,
            Email = row.Email ?? "",
            Actions = row.Actions,
            NameDisplay = row.NameDisplay,
            ClientHash = row.ClientHash,
            InitialStatus = status,
            SignedAt = row.SignedAt,
        };
    }

    /// <summary>
    /// Reads <see cref="SignatureFacts"/> from each row of <paramref name="reader"/> (selected with
    /// <see cref="FactsSql"/>), by column name: the names are looked up once, then each call reads the current row.
    /// An unpublished signature's facts carry number 0.
    /// </summary>
    public static Func<SignatureFacts> FactsReader(DbDataReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var number = reader.GetOrdinal(nameof(Signature.Number));
        var type = reader.GetOrdinal(nameof(Signature.SignatoryType));
        var name = reader.GetOrdinal(nameof(Signature.Name));
        var display = reader.GetOrdinal(nameof(Signature.NameDisplay));
        var affiliation = reader.GetOrdinal(nameof(Signature.Affiliation));
        var detail = reader.GetOrdinal(nameof(Signature.Detail));
        var actions = reader.GetOrdinal(nameof(Signature.Actions));
        var signedAt = reader.GetOrdinal(nameof(Signature.SignedAt));
        return () => new SignatureFacts(
            reader.IsDBNull(number) ? 0 : reader.GetInt64(number),
            (SignatoryType)reader.GetInt32(type),
            reader.GetString(name),
            (NameDisplay)reader.GetInt32(display),
            reader.IsDBNull(affiliation) ? null : (Affiliation)reader.GetInt32(affiliation),
            reader.IsDBNull(detail) ? null : reader.GetString(detail),
            (PledgeActions)reader.GetInt32(actions),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(signedAt)));
    }

    /// <summary>The current row's facts, read by column name (see <see cref="FactsReader"/>).</summary>
    public static SignatureFacts ReadFacts(DbDataReader reader) => FactsReader(reader)();

    /// <summary>The current row's status, read by name.</summary>
    public static SignatureStatus ReadStatus(DbDataReader reader) => (SignatureStatus)Int64(reader, nameof(Signature.Status))!.Value;

    /// <summary>The current row's public number, read by name; null when it has none.</summary>
    public static long? ReadNumber(DbDataReader reader) => Int64(reader, nameof(Signature.Number));

    /// <summary>An integer column of the current row, read by name; null when empty.</summary>
    public static long? Int64(DbDataReader reader, string column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetInt64(ordinal);
    }

    /// <summary>A text column of the current row, read by name; null when empty.</summary>
    public static string? Text(DbDataReader reader, string column)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    /// <summary>What the admin CSV export loads: every column but the email addresses and the link's hash.</summary>
    public static Expression<Func<Signature, Signature>> Exported { get; } = s => new Signature
    {
        Id = s.Id,
        Number = s.Number,
        Status = s.Status,
        SignatoryType = s.SignatoryType,
        Name = s.Name,
        Affiliation = s.Affiliation,
        Detail = s.Detail,
        Actions = s.Actions,
        NameDisplay = s.NameDisplay,
        SignedAt = s.SignedAt,
        PublishedAt = s.PublishedAt,
        ClientHash = s.ClientHash,
    };

    /// <summary>The admin CSV export's columns, header and cell, in order (loaded with <see cref="Exported"/>).</summary>
    public static IReadOnlyList<(string Header, Func<Signature, string?> Cell)> CsvColumns { get; } =
    [
        ("Id", s => s.Id.ToString(CultureInfo.InvariantCulture)),
        ("Number", s => s.Number?.ToString(CultureInfo.InvariantCulture)),
        ("Status", s => s.Status.ToString()),
        ("Signing as", s => SignatureDisplay.TypeLabel(s.SignatoryType)),
        ("Name", s => s.Name),
        ("Affiliation", s => s.Affiliation is { } a ? SignatureDisplay.AffiliationLabel(a) : null),
        ("Course, department or society", s => s.Detail),
        ("Actions", s => string.Join("; ", ActionLabels(s.Actions))),
        ("Name shown as", s => s.NameDisplay switch { NameDisplay.FullName => "Full name", NameDisplay.Hidden => "Not shown", _ => "First name and initial" }),
        ("Signed at (UTC)", s => UtcText(s.SignedAt)),
        ("Published at (UTC)", s => s.PublishedAt is { } at ? UtcText(at) : null),
        ("Network", s => s.ClientHash is { Length: >= 8 } h ? h[..8] : null),
    ];

    /// <summary>Everything held in a signature row, for the signer's data-subject export (JSON names, in order).</summary>
    public static IReadOnlyDictionary<string, object?> PersonalData(Signature s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new OrderedDictionary<string, object?>
        {
            ["id"] = s.Id,
            ["number"] = s.Number,
            ["status"] = s.Status.ToString(),
            ["signingAs"] = s.SignatoryType.ToString(),
            ["name"] = s.Name,
            ["nameDisplay"] = s.NameDisplay.ToString(),
            ["affiliation"] = s.Affiliation?.ToString(),
            ["detail"] = s.Detail,
            ["email"] = s.Email,
            ["actions"] = ActionLabels(s.Actions).ToList(),
            ["keyedHashOfNetworkAddress"] = s.ClientHash,
            ["hasPersonalLink"] = s.ManageTokenHash is not null,
            ["signedAt"] = s.SignedAt,
            ["publishedAt"] = s.PublishedAt,
            ["statusChangedAt"] = s.StatusChangedAt,
        };
    }

    private static IEnumerable<string> ActionLabels(PledgeActions actions) =>
        SignatureDisplay.Actions.Where(a => actions.HasFlag(a.Action)).Select(a => a.Label);

    private static string UtcText(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    /// <summary>
    /// One column: its name and, if the insert writes it, the PostgreSQL type of its array (bigint, integer or
    /// text: what the value is) and its value from the new signature, number and publication time.
    /// </summary>
    private sealed record Column(string Name, string? ArrayType = null, Func<NewSignature, long?, DateTimeOffset?, object?>? Insert = null);
}
