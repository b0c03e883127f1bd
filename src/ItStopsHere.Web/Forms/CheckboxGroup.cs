namespace ItStopsHere.Web.Forms;

/// <summary>Choose any number, for <c>_CheckboxGroup.cshtml</c>. See <see cref="ChoiceGroup"/>.</summary>
public sealed record CheckboxGroup(string Name, string Legend, IReadOnlyList<Choice> Choices) : ChoiceGroup(Name, Legend, Choices)
{
    /// <summary>The chosen values.</summary>
    public IReadOnlyCollection<string> Values { get; init; } = [];

    public override bool IsChecked(Choice choice) => choice is not null && Values.Contains(choice.Value);
}
