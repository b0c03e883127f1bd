namespace ItStopsHere.Web.Accounts;

/// <summary>A staff account to add, as the <c>admin add</c> command is given it.</summary>
public sealed record NewStaffAccount(string Email, string? Role);
