using ItStopsHere.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// The reporting channel's keys: the key-encryption key (from <c>Reporting:KeyFile</c> or
/// <c>Reporting:Key</c>; in Development or Testing, made once into the data folder when neither is set) and
/// the access-code hash key (kept in the database, wrapped under the key-encryption key).
/// </summary>
public sealed class ReportKeyRing(IOptions<ReportingOptions> options, IConfiguration configuration, IHostEnvironment environment, ILogger<ReportKeyRing> logger)
{
    public const string CodeHashKeyName = "access-code-hash";
    public const string DevelopmentKeyFileName = "reporting.key";

    private readonly Lazy<KeyEncryptionKey> _kek = new(() => Load(options.Value, configuration, environment, logger));
    private byte[]? _codeHashKey;

    public KeyEncryptionKey Kek => _kek.Value;

    /// <summary>True when the key-encryption key is configured, or may be made here (Development, Testing).</summary>
    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration["Reporting:KeyFile"]) || !string.IsNullOrWhiteSpace(configuration["Reporting:Key"]);

    /// <summary>The report's data key, unwrapped. Throws when the row was wrapped under another key-encryption key.</summary>
    public byte[] Unwrap(ReportKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.KekId != Kek.Id)
        {
            throw new InvalidOperationException($"Report keys were wrapped under key-encryption key {key.KekId}, but the configured key is {Kek.Id}: point Reporting:KeyFile at the right file (see `reporting rotate-key`).");
        }

        return ReportCrypto.UnwrapKey(Kek, key.ReportId, key.Wrapped);
    }

    public ReportKey Wrap(Guid reportId, byte[] dataKey) =>
        new() { ReportId = reportId, KekId = Kek.Id, Wrapped = ReportCrypto.WrapKey(Kek, reportId, dataKey) };

    /// <summary>The key that hashes access codes; made (and stored wrapped) the first time it is needed.</summary>
    public async Task<byte[]> CodeHashKeyAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_codeHashKey is { } cached)
        {
            return cached;
        }

        var row = await db.ReportingSecrets.AsNoTracking().FirstOrDefaultAsync(s => s.Name == CodeHashKeyName, cancellationToken);
        if (row is null)
        {
            var secret = ReportCrypto.NewDataKey();
            db.ReportingSecrets.Add(new ReportingSecret { Name = CodeHashKeyName, KekId = Kek.Id, Wrapped = ReportCrypto.WrapSecret(Kek, CodeHashKeyName, secret) });
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                _codeHashKey = secret;
                return secret;
            }
            catch (DbUpdateException)
            {
                // Another request made it first: use theirs.
                db.ChangeTracker.Clear();
                row = await db.ReportingSecrets.AsNoTracking().FirstAsync(s => s.Name == CodeHashKeyName, cancellationToken);
            }
        }

        if (row.KekId != Kek.Id)
        {
            throw new InvalidOperationException($"The access-code key was wrapped under key-encryption key {row.KekId}, but the configured key is {Kek.Id}.");
        }

        _codeHashKey = ReportCrypto.UnwrapSecret(Kek, CodeHashKeyName, row.Wrapped);
        return _codeHashKey;
    }

    /// <summary>Forgets the cached access-code key (after a key rotation in this process).</summary>
    public void Forget() => _codeHashKey = null;

    private static KeyEncryptionKey Load(ReportingOptions options, IConfiguration configuration, IHostEnvironment environment, ILogger logger)
    {
        if (!string.IsNullOrWhiteSpace(options.Key))
        {
            return KeyEncryptionKey.FromBase64(options.Key, "Reporting:Key");
        }

        if (!string.IsNullOrWhiteSpace(options.KeyFile))
        {
            var path = Path.GetFullPath(options.KeyFile, environment.ContentRootPath);
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"Reporting:KeyFile names {path}, which does not exist. Make one with `reporting new-key --file PATH`.");
            }

            return KeyEncryptionKey.ReadFile(path);
        }

        if (!environment.IsDevelopment() && !environment.IsEnvironment("Testing"))
        {
            throw new InvalidOperationException("Reporting is on but has no key-encryption key: set Reporting:KeyFile (or the secret Reporting:Key).");
        }

        // Development and tests: one key beside the database, made on first use. Never in Production.
        var connection = DatabaseServices.ResolveConnectionString(configuration, environment.ContentRootPath);
        string database, folder;
        if (DatabaseServices.IsPostgreSql(configuration))
        {
            // No file to sit beside: named after the database, in the app's data folder (the tests': a temp folder).
            database = new Npgsql.NpgsqlConnectionStringBuilder(connection).Database ?? "itstopshere";
            folder = environment.IsEnvironment("Testing")
                ? Path.Combine(Path.GetTempPath(), "itstopshere-tests")
                : Path.Combine(environment.ContentRootPath, "data");
            Directory.CreateDirectory(folder);
        }
        else
        {
            database = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource;
            folder = Path.GetDirectoryName(Path.GetFullPath(database, environment.ContentRootPath)) ?? environment.ContentRootPath;
        }

        var file = Path.Combine(folder, Path.GetFileNameWithoutExtension(database) + "." + DevelopmentKeyFileName);
        if (File.Exists(file))
        {
            return KeyEncryptionKey.ReadFile(file);
        }

        logger.LogWarning("Reporting: no key-encryption key is configured; made a development key at {KeyFile}. Production needs Reporting:KeyFile.", file);
        return KeyEncryptionKey.WriteNew(file);
    }
}
