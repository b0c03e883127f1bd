using System.Security.Cryptography;
using System.Text;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// Authenticated encryption (AES-256-GCM) for the reporting channel. Each ciphertext is nonce (12 bytes),
/// then the encrypted bytes, then the tag (16 bytes); its associated data names the report and the field
/// (e.g. <c>report/{id}/payload</c>), so a ciphertext copied to another report or field does not decrypt.
/// </summary>
public static class ReportCrypto
{
    public const int KeySize = 32;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const string Version = "v1";

    public static byte[] NewDataKey() => RandomNumberGenerator.GetBytes(KeySize);

    /// <summary>Wraps a report's data key under the KEK, bound to the report's id.</summary>
    public static byte[] WrapKey(KeyEncryptionKey kek, Guid reportId, ReadOnlySpan<byte> dataKey)
    {
        ArgumentNullException.ThrowIfNull(kek);
        return Seal(kek.Bytes, dataKey, WrapContext(reportId));
    }

    public static byte[] UnwrapKey(KeyEncryptionKey kek, Guid reportId, byte[] wrapped)
    {
        ArgumentNullException.ThrowIfNull(kek);
        return Open(kek.Bytes, wrapped, WrapContext(reportId));
    }

    /// <summary>Wraps a named server secret (see <c>Data.ReportingSecret</c>).</summary>
    public static byte[] WrapSecret(KeyEncryptionKey kek, string name, ReadOnlySpan<byte> secret)
    {
        ArgumentNullException.ThrowIfNull(kek);
        return Seal(kek.Bytes, secret, $"{Version}/secret/{name}");
    }

    public static byte[] UnwrapSecret(KeyEncryptionKey kek, string name, byte[] wrapped)
    {
        ArgumentNullException.ThrowIfNull(kek);
        return Open(kek.Bytes, wrapped, $"{Version}/secret/{name}");
    }

    public static byte[] Encrypt(ReadOnlySpan<byte> dataKey, Guid reportId, string field, string text) =>
        Seal(dataKey, Encoding.UTF8.GetBytes(text), FieldContext(reportId, field));

    /// <exception cref="CryptographicException">Wrong key, wrong report or field, or the bytes were changed.</exception>
    public static string Decrypt(ReadOnlySpan<byte> dataKey, Guid reportId, string field, byte[] ciphertext) =>
        Encoding.UTF8.GetString(Open(dataKey, ciphertext, FieldContext(reportId, field)));

    private static string WrapContext(Guid reportId) => $"{Version}/report-key/{reportId:D}";

    private static string FieldContext(Guid reportId, string field) => $"{Version}/report/{reportId:D}/{field}";

    private static byte[] Seal(ReadOnlySpan<byte> key, ReadOnlySpan<byte> plaintext, string context)
    {
        var output = new byte[NonceSize + plaintext.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceSize, plaintext.Length), output.AsSpan(NonceSize + plaintext.Length), Encoding.UTF8.GetBytes(context));
        return output;
    }

    private static byte[] Open(ReadOnlySpan<byte> key, byte[] sealedBytes, string context)
    {
        ArgumentNullException.ThrowIfNull(sealedBytes);
        if (sealedBytes.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The ciphertext is too short.");
        }

        var length = sealedBytes.Length - NonceSize - TagSize;
        var plaintext = new byte[length];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length), plaintext, Encoding.UTF8.GetBytes(context));
        return plaintext;
    }
}
