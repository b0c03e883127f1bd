using ItStopsHere.Web.Data;
using ItStopsHere.Web.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ItStopsHere.Web.Accounts;

/// <summary>The outcome of an action on a staff account: done, or the reason it was refused, in words for the Admin.</summary>
public sealed record StaffChange(bool Succeeded, string? Error = null)
{
    public static readonly StaffChange Done = new(true);

    public static StaffChange Refused(string error) => new(false, error);
}
