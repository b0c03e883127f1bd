using ItStopsHere.Web.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ItStopsHere.Tests.Support;

/// <summary>A staff account made for a test, with the password it was given.</summary>
public sealed record TestUser(string Id, string Email, string Password, string Role);

/// <summary>Builds the records tests need, straight through the app's own services.</summary>
public static class TestData
{
    public const string StrongPassword = "violet harbour kettle marathon";

    /// <summary>Adds a staff account with a unique, clearly fictional email address and a strong password.</summary>
    public static async Task<TestUser> CreateUserAsync(
        this SiteFactory factory, string role, string? email = null, string password = StrongPassword, bool withPassword = true)
    {
        email ??= $"test.{role.ToLowerInvariant()}.{Guid.NewGuid():N}@example.ac.uk";
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, LockoutEnabled = true, CreatedAt = DateTimeOffset.UtcNow };
        var result = withPassword ? await users.CreateAsync(user, password) : await users.CreateAsync(user);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return new TestUser(user.Id, email, password, role);
    }

    public static async Task<StaffUser?> FindUserAsync(this SiteFactory factory, string id) =>
        await factory.WithDbAsync(db => db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == id));

    public static async Task<IReadOnlyList<string>> RolesOfAsync(this SiteFactory factory, string id)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(id);
        return user is null ? [] : (await users.GetRolesAsync(user)).ToList();
    }

    /// <summary>Audit entries about one record, oldest first.</summary>
    public static async Task<IReadOnlyList<AuditEntry>> AuditFor(this SiteFactory factory, string? recordId) =>
        await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.RecordId == recordId).OrderBy(e => e.Id).ToListAsync());

    public static async Task<IReadOnlyList<AuditEntry>> AllAuditAsync(this SiteFactory factory) =>
        await factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().OrderBy(e => e.Id).ToListAsync());
}
