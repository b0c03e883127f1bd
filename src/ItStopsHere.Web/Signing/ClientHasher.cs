using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using System.Data.Common;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Signing;

/// <summary>
/// Turns a client's network address into a keyed hash (HMAC-SHA256), so the site can spot a burst from
/// one network without ever storing the address. The key comes from <c>Pledge:ClientHashKey</c>; when
/// that is not set, a random key is generated on first start and kept in the database (protected with
/// Data Protection), so hashes stay comparable across restarts without anyone inventing a key.
/// </summary>
public sealed class ClientHasher(IOptions<PledgeOptions> options, IDataProtectionProvider dataProtection)
{
    private const string KeyPurpose = "ItStopsHere.Pledge.ClientHashKey";
    private byte[]? _key;

    public bool IsReady => _key is not null;

    /// <summary>
    /// The network an address belongs to, as the site counts it: an IPv4 address as it is, an IPv6
    /// address by its /64 (one household or device; the rest of the address changes for privacy).
    /// </summary>
    public static string NetworkOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            return new IPAddress(bytes) + "/64";
        }

        return address.ToString();
    }

    public string Hash(IPAddress? address)
    {
        var key = _key ?? throw new InvalidOperationException("The client hash key has not been loaded yet.");
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(NetworkOf(address)));
        return Base64Url(mac.AsSpan(0, 16));
    }

    /// <summary>Loads the key: from configuration, else from the database, generating it the first time.</summary>
    public void Initialize(DbConnection connection)
    {
        var configured = options.Value.ClientHashKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            byte[] key;
            try
            {
                key = Convert.FromBase64String(configured);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException("Pledge:ClientHashKey must be base64 (for example from `openssl rand -base64 32`).");
            }

            if (key.Length < 32)
            {
                throw new InvalidOperationException("Pledge:ClientHashKey must be at least 32 bytes.");
            }

            _key = key;
            return;
        }

        var protector = dataProtection.CreateProtector(KeyPurpose);
        var stored = ReadStoredKey(connection);
        if (stored is null)
        {
            using var update = connection.CreateCommand();
            // Only the first instance to get here stores its key; any other reads the winner's below.
            update.CommandText = """
                UPDATE "PledgeState" SET "ProtectedClientHashKey" = @key
                WHERE "Id" = @id AND "ProtectedClientHashKey" IS NULL
                """;
            update.With("key", protector.Protect(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));
            update.With("id", PledgeState.SingletonId);
            update.ExecuteNonQuery();
            stored = ReadStoredKey(connection)
                ?? throw new InvalidOperationException("The pledge state row is missing; were the migrations applied?");
        }

        _key = Convert.FromBase64String(protector.Unprotect(stored));
    }

    private static string? ReadStoredKey(DbConnection connection)
    {
        using var select = connection.CreateCommand();
        select.CommandText = """SELECT "ProtectedClientHashKey" FROM "PledgeState" WHERE "Id" = @id""";
        select.With("id", PledgeState.SingletonId);
        return select.ExecuteScalar() as string;
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
