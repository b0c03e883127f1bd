using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Email;

public static class EmailServices
{
    /// <summary>
    /// Email: options from <c>Email</c>, the outbox and its sender, the templates, and the retention
    /// jobs that delete what the outbox keeps. The sender waits while people are waiting on the site
    /// (<see cref="ISiteLoad"/>, which Signing provides).
    /// </summary>
    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddOptions<EmailOptions>()
            .Bind(configuration.GetSection(EmailOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EmailOptions>, EmailOptionsValidator>();

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<OutboxCommitInterceptor>();
        services.ConfigureDbContext<AppDbContext>((provider, options) =>
            options.AddInterceptors(provider.GetRequiredService<OutboxCommitInterceptor>()));

        services.AddSingleton<SenderIdentitySource>();
        services.AddSingleton<IMailTransport>(provider =>
        {
            var email = provider.GetRequiredService<IOptions<EmailOptions>>().Value;
            return email.UsesSmtp
                ? new SmtpMailTransport(email)
                : new PickupDirectoryTransport(MailFolder(email, environment));
        });
        services.AddSingleton<EmailTemplates>();
        services.AddHostedService<OutboxSender>();
        services.AddSingleton<Serilog.Core.ILogEventEnricher, EmailAddressLogRedactor>();

        services.AddRetentionJob<OutboxRetentionJob>();
        services.AddRetentionJob<MailFolderRetentionJob>();
        return services;
    }

    /// <summary>The folder for <c>.eml</c> files, made absolute against the content root.</summary>
    public static string MailFolder(EmailOptions options, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        return Path.GetFullPath(options.PickupDirectory, environment.ContentRootPath);
    }
}
