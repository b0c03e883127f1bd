using System.Security.Cryptography;
using System.Text;

namespace ItStopsHere.Web.Reporting;

/// <summary>
/// The key-encryption key (KEK): 256 bits that wrap every report's own key. It comes from a file
/// (<c>Reporting:KeyFile</c>) or a secret (<c>Reporting:Key</c>), never from the database, so a copy of
/// the database (or a backup) alone reveals nothing anyone wrote. <see cref="Id"/> names it without
/// revealing it, so rows wrapped under another key are recognised.
/// </summary>
public sealed class KeyEncryptionKey
{
    public const int Size = 32;

    private readonly byte[] _key;

    public KeyEncryptionKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != Size)
        {
            throw new ArgumentException($"A key-encryption key is {Size} bytes.", nameof(key));
        }

        _key = (byte[])key.Clone();
        Id = Convert.ToHexStringLower(SHA256.HashData([.. Encoding.ASCII.GetBytes("itstopshere-kek-id:"), .. _key]))[..16];
    }

    /// <summary>16 hex digits from a hash of the key: safe to store and to print.</summary>
    public string Id { get; }

    internal ReadOnlySpan<byte> Bytes => _key;

    public static KeyEncryptionKey CreateRandom() => new(RandomNumberGenerator.GetBytes(Size));

    /// <summary>Reads a key written by <see cref="WriteNew"/> (base64 text) or 32 raw bytes.</summary>
    public static KeyEncryptionKey ReadFile(string path)
    {
        var bytes = File.ReadAllBytes(path);
        if (bytes.Length == Size)
        {
            return new KeyEncryptionKey(bytes);
        }

        return FromBase64(Encoding.ASCII.GetString(bytes), $"the key file {path}");
    }

    public static KeyEncryptionKey FromBase64(string text, string source)
    {
        var buffer = new byte[Size + 8];
        if (!Convert.TryFromBase64String(text.Trim(), buffer, out var length) || length != Size)
        {
            throw new InvalidOperationException($"Reporting: {source} must hold exactly {Size} bytes, raw or in base64 (`openssl rand -base64 32`).");
        }

        return new KeyEncryptionKey(buffer[..Size]);
    }

    /// <summary>Writes a new random key as base64 text to <paramref name="path"/>, readable by its owner only; refuses to overwrite.</summary>
    public static KeyEncryptionKey WriteNew(string path)
    {
        var key = CreateRandom();
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream, Encoding.ASCII))
        {
            writer.Write(Convert.ToBase64String(key._key));
            writer.Write('\n');
        }

        return key;
    }
}
