using ItStopsHere.Web.Reporting;

namespace ItStopsHere.Web.Pages.Report;

/// <summary>
/// One question answered by radios or checkboxes, for <c>_ChoiceGroup.cshtml</c>: a fieldset whose legend
/// is the question, an optional hint, the error (linked from the summary by <see cref="Id"/>, the first
/// option's id) and the options. A small local version until the shared form kit has one.
/// </summary>
public sealed record ChoiceGroup(string Name, string Legend, IReadOnlyList<ReportChoice> Choices, IReadOnlyCollection<string> Selected)
{
    public bool Multiple { get; init; }

    public string? Hint { get; init; }

    public string? Error { get; init; }

    /// <summary>The first option's id: the error summary links here (the field's name with dots as underscores).</summary>
    public string Id => Name.Replace('.', '_');

    public string OptionId(int index) => index == 0 ? Id : $"{Id}-{Choices[index].Code}";

    public string? DescribedBy =>
        string.Join(' ', new[] { Hint is null ? null : Id + "-hint", Error is null ? null : Id + "-error" }.Where(s => s is not null)) is { Length: > 0 } ids ? ids : null;
}
