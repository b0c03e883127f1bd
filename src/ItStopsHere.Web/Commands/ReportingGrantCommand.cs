using ItStopsHere.Web.Audit;
using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;

namespace ItStopsHere.Web.Commands;

/// <summary>
/// <c>reporting grant --email ADDRESS --role CaseManager|Adviser [--remove yes]</c>: gives an existing staff
/// member a case role beside the one they have (a Case manager may also be an Adviser), or takes it away.
/// </summary>
public sealed class ReportingGrantCommand : ISiteCommand
{
    public IReadOnlyList<string> Name { get; } = ["reporting", "grant"];

    public string Arguments => "--email ADDRESS --role CaseManager|Adviser [--remove yes]";

    public string Summary => "Gives a staff member a case role in addition to their own (or takes it away with --remove yes).";

    public IReadOnlyList<string> Options { get; } = ["email", "role", "remove"];

    public async Task<int> RunAsync(CommandContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var email = context.Options.GetValueOrDefault("email")?.Trim() ?? "";
        var role = StaffRoles.CaseRoles.FirstOrDefault(r => string.Equals(r, context.Options.GetValueOrDefault("role")?.Trim(), StringComparison.OrdinalIgnoreCase));
        var remove = string.Equals(context.Options.GetValueOrDefault("remove"), "yes", StringComparison.OrdinalIgnoreCase);
        if (role is null || email.Length == 0)
        {
            await context.Error.WriteLineAsync("Give --email and --role CaseManager or --role Adviser.");
            return CommandLine.Misused;
        }

        var users = context.Services.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            await context.Error.WriteLineAsync($"There is no staff account for {email}. Add one first (admin add, or /admin/users).");
            return CommandLine.Failed;
        }

        var result = remove ? await users.RemoveFromRoleAsync(user, role) : await users.AddToRoleAsync(user, role);
        if (!result.Succeeded)
        {
            await context.Error.WriteLineAsync(string.Join(' ', result.Errors.Select(e => e.Description)));
            return CommandLine.Failed;
        }

        await users.UpdateSecurityStampAsync(user);
        var audit = context.Services.GetRequiredService<AuditLog>();
        var db = context.Services.GetRequiredService<AppDbContext>();
        await audit.RecordAsync(AuditActions.CaseRoleGranted, "User", user.Id, $"{role} {(remove ? "taken away" : "given")}", AuditActor.CommandLine, context.CancellationToken);
        await db.SaveChangesAsync(context.CancellationToken);
        await context.Output.WriteLineAsync($"{email}: {role} {(remove ? "taken away" : "given")}.");
        return CommandLine.Succeeded;
    }
}
