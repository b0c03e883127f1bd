using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace ItStopsHere.Tests.Support;

/// <summary>
/// What the tests that run real servers on loopback share: a self-signed certificate for 127.0.0.1 and
/// localhost (for the child app's TLS endpoint and for nginx), and connections from a chosen loopback
/// source address (any 127.x.y.z works on Linux), so one machine has both a proxy's address and a stranger's.
/// </summary>
internal static class Loopback
{
    /// <summary>A self-signed certificate (with its RSA key) for 127.0.0.1 and localhost, valid from yesterday for a week.</summary>
    public static X509Certificate2 CreateCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(7));
    }

    /// <summary>A <see cref="SocketsHttpHandler.ConnectCallback"/> that connects from <paramref name="source"/>.</summary>
    public static Func<SocketsHttpConnectionContext, CancellationToken, ValueTask<Stream>> ConnectFrom(IPAddress source) =>
        async (context, cancellationToken) =>
        {
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                socket.Bind(new IPEndPoint(source, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };
}
