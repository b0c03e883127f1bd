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
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.AddSecretFiles();

// Production refuses unsafe or missing settings before anything else happens (exit code 78).
if (!CommandLine.IsCommand(args) && ProductionReadiness.RefuseToStart(builder.Configuration, builder.Environment, Console.Error))
{
    return ProductionReadiness.ExitCode;
}

builder.AddSiteLogging();
builder.UseRepositoryWebRoot();
builder.Services.AddSiteServices(builder.Configuration, builder.Environment);
builder.Services.AddCampaignContent(builder.Environment);
builder.Services.AddContentAdmin();
builder.Services.AddPrivacy(builder.Configuration);
builder.Services.AddEmail(builder.Configuration, builder.Environment);
builder.Services.AddPledge(builder.Configuration, builder.Environment);
builder.Services.AddModeration(builder.Configuration);
builder.Services.AddSignerEmail();
builder.Services.AddReporting(builder.Configuration);
builder.Services.AddPageCaching(builder.Configuration);
builder.AddSiteOperations();

var app = builder.Build();

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

app.UseSiteOperations();
app.UseSitePipeline();
app.UsePageCaching();
app.MapCampaignContent();
app.UsePledge();

app.Logger.LogInformation("It Stops Here is starting in {Environment}", app.Environment.EnvironmentName);
await app.RunAsync();
return 0;

/// <summary>The entry point, public so that the tests' WebApplicationFactory can start the real app.</summary>
public partial class Program;
