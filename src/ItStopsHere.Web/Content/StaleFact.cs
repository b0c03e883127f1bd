namespace ItStopsHere.Web.Content;

/// <summary>A help line or figure not checked for longer than <see cref="ContentPageOptions.StaleFactMonths"/>: what it is, when it was checked, and where to fix it.</summary>
public sealed record StaleFact(string Page, string What, DateOnly CheckedOn, string EditPath);
