using System.Security.Claims;
using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Audit;

/// <summary>Who did something, for the audit log.</summary>
public sealed record AuditActor(string? Id, string Name)
{
    public static readonly AuditActor Anonymous = new(null, "anonymous");

    public static readonly AuditActor CommandLine = new(null, "command line");

    public static AuditActor From(StaffUser user) => new(user.Id, user.Email ?? user.UserName ?? user.Id);
}
