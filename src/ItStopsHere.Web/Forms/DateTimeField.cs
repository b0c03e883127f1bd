
namespace ItStopsHere.Web.Forms;

/// <summary>
/// A date and a time typed as a pair (an event's start, a publication time), for <c>_DateTimeField.cshtml</c>:
/// one legend, one hint, and each part with its own label and error so the error summary can link to it.
/// </summary>
public sealed record DateTimeField(string Legend, FormField Date, FormField Time)
{
    public string? Hint { get; init; }

    public string Id => Date.Id + "-group";

    public string? DescribedBy => string.Join(' ', new[]
    {
        Hint is null ? null : Id + "-hint",
        Date.Error is null ? null : Date.Id + "-error",
        Time.Error is null ? null : Time.Id + "-error",
    }.Where(id => id is not null)) is { Length: > 0 } ids ? ids : null;
}
