using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using ItStopsHere.Web.Privacy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Email;

/// <summary>Stops the app at start-up when <c>Email</c> settings cannot work, saying which one.</summary>
public sealed class EmailOptionsValidator(IOptions<CampaignOptions> campaign) : IValidateOptions<EmailOptions>
{
    public ValidateOptionsResult Validate(string? name, EmailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Port is < 1 or > 65535)
        {
            errors.Add("Email:Port must be between 1 and 65535.");
        }

        if (!Enum.IsDefined(options.TlsMode))
        {
            errors.Add("Email:TlsMode must be StartTls, SslOnConnect, Auto or None.");
        }

        var from = string.IsNullOrWhiteSpace(options.FromAddress) ? campaign.Value.ContactEmail : options.FromAddress;
        if (!EmailAddresses.IsValid(from))
        {
            errors.Add("Email:FromAddress (or Campaign:ContactEmail, its default) must be a plain email address.");
        }

        if (!string.IsNullOrWhiteSpace(options.ReplyToAddress) && !EmailAddresses.IsValid(options.ReplyToAddress))
        {
            errors.Add("Email:ReplyToAddress must be a plain email address.");
        }

        if (!string.IsNullOrEmpty(options.Username) && string.IsNullOrEmpty(options.Password))
        {
            errors.Add("Email:Password is required with Email:Username (keep it in user-secrets or an environment variable).");
        }

        if (string.IsNullOrWhiteSpace(options.PickupDirectory))
        {
            errors.Add("Email:PickupDirectory must name a folder.");
        }

        if (options.Timeout <= TimeSpan.Zero)
        {
            errors.Add("Email:Timeout must be positive.");
        }

        var outbox = options.Outbox;
        if (outbox.MaxAttempts < 1)
        {
            errors.Add("Email:Outbox:MaxAttempts must be at least 1.");
        }

        if (outbox.FirstRetryDelay <= TimeSpan.Zero || outbox.MaxRetryDelay < outbox.FirstRetryDelay)
        {
            errors.Add("Email:Outbox:FirstRetryDelay must be positive and no longer than Email:Outbox:MaxRetryDelay.");
        }

        if (outbox.PollInterval <= TimeSpan.Zero)
        {
            errors.Add("Email:Outbox:PollInterval must be positive.");
        }

        if (outbox.BatchSize < 1)
        {
            errors.Add("Email:Outbox:BatchSize must be at least 1.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
