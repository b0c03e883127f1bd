using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Pledge;
using Serilog;

var builder = WebApplication.CreateBuilder(args);

builder.AddSiteLogging();
builder.UseRepositoryWebRoot();
builder.Services.AddSiteServices(builder.Configuration, builder.Environment);
builder.Services.AddPledge(builder.Configuration, builder.Environment);

var app = builder.Build();

await DatabaseInitializer.InitializeAsync(app.Services);

app.UseSitePipeline();
app.UsePledge();

app.Logger.LogInformation("It Stops Here is starting in {Environment}", app.Environment.EnvironmentName);
await app.RunAsync();

/// <summary>The entry point, public so that the tests' WebApplicationFactory can start the real app.</summary>
public partial class Program;
