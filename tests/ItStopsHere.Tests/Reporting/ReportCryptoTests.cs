using System.Security.Cryptography;
using ItStopsHere.Web.Reporting;

namespace ItStopsHere.Tests.Reporting;

public class ReportCryptoTests
{
    [Fact]
    public void Encrypt_ThenDecrypt_GivesTheTextBack_AndTheCiphertextHidesIt()
    {
        var key = ReportCrypto.NewDataKey();
        var id = Guid.NewGuid();

        var sealedBytes = ReportCrypto.Encrypt(key, id, "payload", "marker-text ünïcode");

        Assert.Equal("marker-text ünïcode", ReportCrypto.Decrypt(key, id, "payload", sealedBytes));
        Assert.Equal(-1, sealedBytes.AsSpan().IndexOf("marker-text"u8));
        Assert.NotEqual(sealedBytes, ReportCrypto.Encrypt(key, id, "payload", "marker-text ünïcode"));
    }

    [Fact]
    public void Decrypt_RefusesAnotherReportsOrFieldsCiphertext_AndAnyChange()
    {
        var key = ReportCrypto.NewDataKey();
        var id = Guid.NewGuid();
        var sealedBytes = ReportCrypto.Encrypt(key, id, "payload", "text");

        Assert.ThrowsAny<CryptographicException>(() => ReportCrypto.Decrypt(key, Guid.NewGuid(), "payload", sealedBytes));
        Assert.ThrowsAny<CryptographicException>(() => ReportCrypto.Decrypt(key, id, "message/x", sealedBytes));
        Assert.ThrowsAny<CryptographicException>(() => ReportCrypto.Decrypt(ReportCrypto.NewDataKey(), id, "payload", sealedBytes));
        var changed = (byte[])sealedBytes.Clone();
        changed[^20] ^= 1;
        Assert.ThrowsAny<CryptographicException>(() => ReportCrypto.Decrypt(key, id, "payload", changed));
    }

    [Fact]
    public void WrappedKey_OpensOnlyWithTheSameKekAndReport()
    {
        var kek = KeyEncryptionKey.CreateRandom();
        var id = Guid.NewGuid();
        var dataKey = ReportCrypto.NewDataKey();

        var wrapped = ReportCrypto.WrapKey(kek, id, dataKey);

        Assert.Equal(dataKey, ReportCrypto.UnwrapKey(kek, id, wrapped));
        Assert.ThrowsAny<CryptographicException>(() => ReportCrypto.UnwrapKey(KeyEncryptionKey.CreateRandom(), id, wrapped));
        Assert.ThrowsAny<CryptographicException>(() => ReportCrypto.UnwrapKey(kek, Guid.NewGuid(), wrapped));
    }

    [Fact]
    public void KeyFile_WrittenNew_IsOwnerOnly_AndReadsBackTheSameKey()
    {
        var path = Path.Combine(Path.GetTempPath(), "itstopshere-tests", Guid.NewGuid().ToString("N") + ".key");
        try
        {
            var written = KeyEncryptionKey.WriteNew(path);
            var read = KeyEncryptionKey.ReadFile(path);

            Assert.Equal(written.Id, read.Id);
            Assert.Equal(16, read.Id.Length);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }

            Assert.Throws<IOException>(() => KeyEncryptionKey.WriteNew(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("")]
    [InlineData("dG9vIHNob3J0")]
    [InlineData("not base64 at all!")]
    public void FromBase64_RefusesAnythingButExactly32Bytes(string text) =>
        Assert.Throws<InvalidOperationException>(() => KeyEncryptionKey.FromBase64(text, "test"));
}
