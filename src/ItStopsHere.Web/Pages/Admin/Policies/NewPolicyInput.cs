using ItStopsHere.Web.Pages.Admin.Pages;

namespace ItStopsHere.Web.Pages.Admin.Policies;

/// <summary>A new policy: its address word, its words and dates (see <see cref="ContentPageInput"/>), and, to publish it at once, what changed.</summary>
public class NewPolicyInput : ContentPageInput
{
    /// <summary>The last part of its address, <c>/policies/{Slug}</c>: lower-case letters, digits and hyphens.</summary>
    public string? Slug { get; set; }
}
