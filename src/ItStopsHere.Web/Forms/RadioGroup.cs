namespace ItStopsHere.Web.Forms;

/// <summary>Choose one, for <c>_RadioGroup.cshtml</c>. See <see cref="ChoiceGroup"/>.</summary>
public sealed record RadioGroup(string Name, string Legend, IReadOnlyList<Choice> Choices) : ChoiceGroup(Name, Legend, Choices)
{
    /// <summary>The chosen value, if any.</summary>
    public string? Value { get; init; }

    public override bool IsChecked(Choice choice) => choice is not null && Value == choice.Value;
}
