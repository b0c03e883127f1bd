using FluentValidation;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Commands;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Email;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Moderation;
using ItStopsHere.Web.Operations;
using ItStopsHere.Web.Privacy;
using ItStopsHere.Web.Reporting;
using ItStopsHere.Web.Signing;

var builder = WebApplication.CreateBuilder(args);
builder.AddSecretFiles();

// Production refuses unsafe or missing settings before anything else happens (exit code 78).
if (!CommandLine.IsCommand(args) && ProductionReadiness.RefuseToStart(builder.Configuration, builder.Environment, Console.Error))
{
    return ProductionReadiness.ExitCode;
}

builder.AddSiteLogging();
builder.UseRepositoryWebRoot();

// Services. Each feature registers its own services and options (validated at start-up) once, in its
// own folder's *Services class; none replaces another's. What several features share is registered here.
var services = builder.Services;
var configuration = builder.Configuration;
services.AddSingleton(TimeProvider.System);
services.AddValidatorsFromAssemblyContaining<Program>(includeInternalTypes: true);
services.AddSite(configuration, builder.Environment);           // Infrastructure: pages, cookies, limits, HTTPS, cache, rate limiter
services.AddDatabase(configuration, builder.Environment);       // Data: AppDbContext on SQLite, the write gate
services.AddAccounts(configuration, builder.Environment);       // Accounts: Identity, staff sign-in, the audit log
services.AddContent(configuration, builder.Environment);        // Content: campaign options and settings, news, myths, editable pages
services.AddEmail(configuration, builder.Environment);          // Email: the outbox and its sender (waits on Signing's ISiteLoad)
services.AddSigning(configuration, builder.Environment);        // Signing: the writer, feed, live hub, signers' emails
services.AddModeration(configuration);                          // Moderation: screens each new signature (ISignatureScreening)
services.AddPrivacy(configuration);                             // Privacy: retention numbers and jobs
services.AddReporting(configuration);                         // Reporting: reports and cases, encrypted at rest
builder.AddOperations();                                        // Operations: backups, readiness, metrics on their own port

var app = builder.Build();

// Every setting is checked now, before the database is touched: a bad value stops the app here (exit 78).
if (SettingsCheck.Refuses(app.Services, app.Logger, Console.Error) is { } refused) return refused;

// backup, restore and migrate see the database file as it is: they run before it is migrated or seeded.
if (CommandLine.RunsBeforeDatabaseSetup(args)) return await CommandLine.RunAsync(args, app.Services);

try
{
    await DatabaseInitializer.InitializeAsync(app.Services);
}
catch (PendingMigrationsException ex)
{
    // Database:MigrateOnStartup=false and this release brings migrations: say what to do, and stop.
    app.Logger.LogCritical("{Message}", ex.Message);
    await Console.Error.WriteLineAsync(ex.Message);
    return 1;
}

await app.Services.LoadCampaignSettingsAsync();

// Maintenance commands (`-- admin add ...`) run on the migrated database and exit without serving.
if (CommandLine.IsCommand(args)) return await CommandLine.RunAsync(args, app.Services);

// The middleware pipeline, in the order a request meets it.
app.UseMetricsPort();                                   // the metrics port answers only /metrics and /health/*
if (app.Services.GetRequiredService<ProxySettings>().AnyProxy)
{
    app.UseForwardedHeaders();                          // only from configured proxies
}

if (app.Environment.IsDevelopment())
{
    app.UseDeveloperExceptionPage();
}
else
{
    // A change the signature writer could not queue (moderation, offline pledges, data requests) is
    // "very busy, try again", not "something went wrong": 503, and the error page adds Retry-After.
    app.UseExceptionHandler(new ExceptionHandlerOptions
    {
        ExceptionHandlingPath = "/error",
        StatusCodeSelector = exception => exception is WriterBusyException
            ? StatusCodes.Status503ServiceUnavailable
            : StatusCodes.Status500InternalServerError,
    });
    app.UseHsts();
}

app.UseSecurityHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseHttpsOnly();                                 // redirect plain HTTP, or say to use https
}

app.UseHtmlCompression();
app.UseStatusCodePagesWithReExecute("/error/{0}");
app.UseRequestBodyLimit();                              // 413 for bodies over SiteServices.MaxRequestBodyBytes
app.UseFormNulCharacters();
app.UseSiteRequestLogging();                            // one line per request, never a query string or body
app.UseCookiePolicy();
app.UseRouting();
// Sign-in and the staff area's folder rules first: a stranger is sent to sign in (or refused)
// whatever the method, then a method the page has no handler for gets 405.
app.UseAuthentication();
app.UseAuthorization();
app.UsePageMethods();
app.UseOutputCache();                                   // after authentication: signed-in staff bypass the cache
app.UseRateLimiter();                                   // the pledge's and the sign-in forms' policies

// Endpoints. Static files are endpoints made from the build's manifest (fingerprinted URLs cached for a
// year, gzip and Brotli copies); pages link them with asp-append-version.
app.MapHealthEndpoints();                               // /health, /health/live, /health/ready
app.MapStaticAssets();
app.MapRazorPages().WithStaticAssets();
app.MapNewsEndpoints();                                 // news feed and event calendar files
app.MapSearchEngineFiles();                             // sitemap.xml, robots.txt
app.MapPledgeEndpoints();                               // the live count stream and the pledge's JSON

app.LogLiveConnectionLimits();
app.Logger.LogInformation("It Stops Here is starting in {Environment}", app.Environment.EnvironmentName);
await app.RunAsync();
return 0;

/// <summary>The entry point, public so that the tests' WebApplicationFactory can start the real app.</summary>
public partial class Program;
