using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ItStopsHere.Tests.Support;

/// <summary>A message the test SMTP server accepted: the envelope and the parsed message.</summary>
public sealed record ReceivedEmail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message, string Raw);

/// <summary>
/// A real SMTP server on a loopback port (the SmtpServer package), for the app to send to. It can be
/// started late and stopped (a mail server that is down), reject chosen recipients for good, and hold
/// its "250 OK" until the test lets it go (a server that is slow to accept).
/// A message counts as received only when the server answers that it accepted it.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ReceivedEmail> _received = new();
    private readonly ConcurrentDictionary<string, bool> _rejected = new(StringComparer.OrdinalIgnoreCase);
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task _running = Task.CompletedTask;
    private volatile TaskCompletionSource? _hold;
    private volatile TaskCompletionSource _dataArrived = NewSignal();

    private SmtpTestServer(int port) => Port = port;

    public int Port { get; }

    public IReadOnlyList<ReceivedEmail> Received => [.. _received];

    /// <summary>Settings that point the app at this server, in plain text (no TLS) on loopback.</summary>
    public IEnumerable<KeyValuePair<string, string>> AppSettings =>
    [
        new("Email:Host", "127.0.0.1"),
        new("Email:Port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Email:TlsMode", "None"),
    ];

    /// <summary>A server on a free loopback port, not yet listening (as if it were down).</summary>
    public static SmtpTestServer Create()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return new SmtpTestServer(port);
    }

    public static async Task<SmtpTestServer> StartNewAsync()
    {
        var server = Create();
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp.test")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        services.Add(new RecipientFilter(this));
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);
        await WaitUntilListeningAsync();
    }

    public async Task StopAsync()
    {
        if (_server is null)
        {
            return;
        }

        _hold?.TrySetResult();
        await _stop!.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        _stop.Dispose();
        _server = null;
    }

    /// <summary>Answers 550 to <paramref name="address"/> from now on: a permanent rejection.</summary>
    public void RejectRecipient(string address) => _rejected[address] = true;

    /// <summary>
    /// From now on, the server takes in a message's content but waits for <see cref="ReleaseAcceptance"/>
    /// before it answers "250 OK" (and counts the message as received).
    /// </summary>
    public void HoldAcceptance()
    {
        _hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _dataArrived = NewSignal();
    }

    public void ReleaseAcceptance() => _hold?.TrySetResult();

    /// <summary>Completes when a message's whole content has arrived and is waiting for the server's answer.</summary>
    public Task DataArrived => _dataArrived.Task;

    public async Task<ReceivedEmail> WaitForMessageAsync(Func<ReceivedEmail, bool>? match = null, TimeSpan? timeout = null)
    {
        ReceivedEmail? found = null;
        await Eventually.TrueAsync(() =>
        {
            found = _received.FirstOrDefault(m => match is null || match(m));
            return found is not null;
        }, timeout, "the SMTP server to receive the message");
        return found!;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task WaitUntilListeningAsync()
    {
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return true;
            }
            catch (SocketException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(10), "the test SMTP server to listen");
    }

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var bytes = buffer.ToArray();
            owner._dataArrived.TrySetResult();
            if (owner._hold is { } hold)
            {
                await hold.Task;
            }

            using var stream = new MemoryStream(bytes);
            var message = await MimeMessage.LoadAsync(stream, CancellationToken.None);
            owner._received.Enqueue(new ReceivedEmail(
                Address(transaction.From),
                transaction.To.Select(Address).ToList(),
                message,
                System.Text.Encoding.UTF8.GetString(bytes)));
            return SmtpResponse.Ok;
        }

        private static string Address(IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";
    }

    private sealed class RecipientFilter(SmtpTestServer owner) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!owner._rejected.ContainsKey($"{to.User}@{to.Host}"));
    }
}
