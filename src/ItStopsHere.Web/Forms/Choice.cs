namespace ItStopsHere.Web.Forms;

/// <summary>One option of a <see cref="RadioGroup"/> or <see cref="CheckboxGroup"/>: the posted value, its label and an optional hint under it.</summary>
public sealed record Choice(string Value, string Label)
{
    public string? Hint { get; init; }
}
