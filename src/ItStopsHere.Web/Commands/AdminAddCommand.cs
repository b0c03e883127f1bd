using FluentValidation;
using ItStopsHere.Web.Accounts;
using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Content;
using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ItStopsHere.Web.Commands;

/// <summary>
/// <c>admin add --email ADDRESS --role Admin|Moderator</c>: adds a staff account with a password read
/// from standard input (one line, so <c>echo "$PW" | ...</c> works; typed twice, unseen, at a terminal).
/// This is how the first Admin is made; later ones are usually added in the site.
/// </summary>
public sealed class AdminAddCommand : ISiteCommand
{
    public IReadOnlyList<string> Name { get; } = ["admin", "add"];

    public string Arguments => "--email ADDRESS --role Admin|Moderator|CaseManager|Adviser   (password on standard input)";

    public string Summary => "Adds a staff account; the password is read from standard input and must meet the site's password policy.";

    public IReadOnlyList<string> Options { get; } = ["email", "role"];

    public async Task<int> RunAsync(CommandContext context)
    {
        var email = context.Options.GetValueOrDefault("email")?.Trim() ?? "";
        var role = context.Options.GetValueOrDefault("role");
        var validation = await context.Services.GetRequiredService<IValidator<NewStaffAccount>>()
            .ValidateAsync(new NewStaffAccount(email, role), context.CancellationToken);
        if (!validation.IsValid)
        {
            foreach (var failure in validation.Errors)
            {
                await context.Error.WriteLineAsync(failure.ErrorMessage + (failure.PropertyName == nameof(NewStaffAccount.Role) ? " (--role)." : " (--email)."));
            }

            return CommandLine.Misused;
        }

        role = StaffRoles.Parse(role)!;
        var users = context.Services.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByEmailAsync(email) is not null)
        {
            await context.Error.WriteLineAsync($"There is already a staff account for {email}. Nothing was changed. An Admin can give it a new set-password link at /admin/users.");
            return CommandLine.Failed;
        }

        var password = await ReadPasswordAsync(context, email);
        if (string.IsNullOrEmpty(password))
        {
            await context.Error.WriteLineAsync("No password was given. Send it on standard input, for example: echo \"$PASSWORD\" | dotnet run --project src/ItStopsHere.Web -- admin add --email ... --role ...");
            return CommandLine.Failed;
        }

        var db = context.Services.GetRequiredService<AppDbContext>();
        var audit = context.Services.GetRequiredService<AuditLog>();
        var clock = context.Services.GetRequiredService<TimeProvider>();
        await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken);
        var user = new StaffUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            LockoutEnabled = true,
            CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            await context.Error.WriteLineAsync("The account was not added:");
            foreach (var problem in created.Errors.Select(e => e.Description).Distinct())
            {
                await context.Error.WriteLineAsync("  - " + problem);
            }

            return CommandLine.Failed;
        }

        await users.AddToRoleAsync(user, role);
        await audit.RecordAsync(AuditActions.UserAdded, StaffUserAdministration.RecordType, user.Id,
            $"Added {email} as {role} from the command line.", AuditActor.CommandLine, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        await transaction.CommitAsync(context.CancellationToken);

        var site = context.Services.GetRequiredService<IOptions<CampaignOptions>>().Value.SiteUrl.TrimEnd('/');
        await context.Output.WriteLineAsync($"Added {email} as {role}. They can sign in at {site}/account/login");
        return CommandLine.Succeeded;
    }

    private static async Task<string?> ReadPasswordAsync(CommandContext context, string email)
    {
        if (!context.InputIsTerminal)
        {
            // One line; only the line ending is removed, since spaces may be part of a passphrase.
            return (await context.Input.ReadLineAsync(context.CancellationToken))?.TrimEnd('\r', '\n');
        }

        await context.Error.WriteAsync($"Password for {email}: ");
        var first = ReadHidden();
        await context.Error.WriteAsync("Same password again: ");
        var second = ReadHidden();
        if (first != second)
        {
            await context.Error.WriteLineAsync("The two passwords are not the same.");
            return null;
        }

        return first;
    }

    /// <summary>Reads a line from the terminal without showing it.</summary>
    private static string ReadHidden()
    {
        var text = new System.Text.StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                Console.Error.WriteLine();
                return text.ToString();
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                if (text.Length > 0)
                {
                    text.Length--;
                }
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }
    }
}
