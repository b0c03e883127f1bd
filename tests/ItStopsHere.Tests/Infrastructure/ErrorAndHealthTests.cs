using System.Net;
using ItStopsHere.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Infrastructure;

public class ErrorAndHealthTests(ErrorAndHealthTests.ThrowingSiteFactory factory) : IClassFixture<ErrorAndHealthTests.ThrowingSiteFactory>
{
    /// <summary>The real app plus one route that throws, to see what a visitor sees when code fails.</summary>
    public sealed class ThrowingSiteFactory : SiteFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, ThrowingRoute>());
        }

        private sealed class ThrowingRoute : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Map("/test-only/throw", branch => branch.Run(_ =>
                    throw new InvalidOperationException("Secret internal detail: connection to db-7 failed")));
            };
        }
    }

    [Fact]
    public async Task Get_UnknownPath_Returns404WithFriendlyPage()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var document = await response.ReadHtmlAsync();
        Assert.Equal("Page not found", document.QuerySelector("h1").Text());
        Assert.NotNull(document.QuerySelector("[data-quick-exit]"));
        Assert.Contains(document.QuerySelectorAll("main a"), a => a.GetAttribute("href") == "/help");
    }

    [Fact]
    public async Task Get_ThrowingRoute_ShowsFriendlyErrorWithoutStackTrace()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/test-only/throw");

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("Secret internal detail", html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", (await response.ReadHtmlAsync()).QuerySelector("main").Text(), StringComparison.Ordinal);
        Assert.Contains("Sorry, something went wrong", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_ErrorPageDirectly_AnswersWithItsStatus()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/error/404");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Get_Health_WhenDatabaseAnswers_Returns200()
    {
        var client = factory.CreateBrowserLikeClient();

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    // SQLite only: breaks the database by overwriting the SQLite file.
    [Trait("Provider", "SqliteOnly")]
    [Fact]
    public async Task Get_Health_WhenDatabaseIsBroken_Returns503()
    {
        await using var broken = new SiteFactory();
        var client = broken.CreateBrowserLikeClient();
        using (var healthy = await client.GetAsync("/health"))
        {
            Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        }

        // Replace the database with a file that is not a database at all.
        SqliteConnection.ClearAllPools();
        File.Delete(broken.DatabasePath + "-wal");
        File.Delete(broken.DatabasePath + "-shm");
        await File.WriteAllTextAsync(broken.DatabasePath, new string('x', 4096));

        using var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Unhealthy", await response.Content.ReadAsStringAsync());
    }
}
