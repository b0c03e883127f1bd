using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.DataProtection;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// The Data Protection keys live in the database (<c>DataProtectionKeys</c>), so a copy of the database
/// would otherwise carry the keys that sign staff sessions, antiforgery tokens and set-password links. With
/// a certificate configured, each key is stored encrypted to it (XML encryption with the certificate's RSA
/// key): the database alone no longer opens them. <c>DataProtection:CertificatePath</c> names a PKCS#12
/// (.pfx) file with the private key, <c>DataProtection:CertificatePassword</c> its password (a secret).
/// Production refuses to start without one (<see cref="ProductionReadiness"/>).
/// </summary>
public static class DataProtectionCertificate
{
    public const string PathKey = "DataProtection:CertificatePath";
    public const string PasswordKey = "DataProtection:CertificatePassword";

    public static bool IsConfigured(IConfiguration configuration) =>
        !string.IsNullOrWhiteSpace(configuration[PathKey]);

    /// <summary>Encrypts the stored keys to the configured certificate, when there is one.</summary>
    public static IDataProtectionBuilder ProtectKeysWithConfiguredCertificate(
        this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!IsConfigured(configuration))
        {
            return builder;
        }

        var certificate = Load(configuration, environment);
        // Also registers the certificate for decryption, so keys read back without the machine's store.
        return builder.ProtectKeysWithCertificate(certificate);
    }

    /// <summary>The configured certificate, or an exception that says what is wrong with it.</summary>
    public static X509Certificate2 Load(IConfiguration configuration, IHostEnvironment environment)
    {
        var path = Path.GetFullPath(configuration[PathKey]!, environment.ContentRootPath);
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"{PathKey}: no certificate file at {path}.");
        }

        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration[PasswordKey]);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException(
                $"{PathKey}: {path} could not be opened as a PKCS#12 (.pfx) file with the password in {PasswordKey} ({ex.Message.TrimEnd('.')}).", ex);
        }

        if (!certificate.HasPrivateKey || certificate.GetRSAPrivateKey() is null)
        {
            certificate.Dispose();
            throw new InvalidOperationException(
                $"{PathKey}: {path} must hold an RSA certificate with its private key (the keys are encrypted to it and decrypted with it).");
        }

        return certificate;
    }
}
