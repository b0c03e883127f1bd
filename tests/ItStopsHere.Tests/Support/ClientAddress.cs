using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Support;

/// <summary>
/// Lets a test speak from a chosen client address through the in-memory test server, which otherwise
/// gives every request the same (no) address: a test-only first middleware sets the connection's remote
/// address from <see cref="Header"/>. The app sees it exactly as it would see a real connection's address.
/// </summary>
public static class ClientAddress
{
    public const string Header = "X-Test-Client-Address";

    /// <summary>Adds the middleware; call before the first request.</summary>
    public static SiteFactory WithClientAddresses(this SiteFactory factory) =>
        factory.WithServices(services => services.AddTransient<IStartupFilter, Filter>());

    /// <summary>A browser-like client whose requests come from <paramref name="address"/>.</summary>
    public static HttpClient ClientFrom(this SiteFactory factory, string address)
    {
        var client = factory.CreateBrowserLikeClient();
        client.DefaultRequestHeaders.Add(Header, address);
        return client;
    }

    private sealed class Filter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[Header].ToString(), out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
