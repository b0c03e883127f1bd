namespace ItStopsHere.Web.Forms;

/// <summary>
/// A question answered by choosing (GOV.UK radios and checkboxes): a fieldset whose legend is the
/// question, an optional hint, the error beside it, and the options. Each option's id is
/// <c>{IdPrefix}-{value}</c>; the error summary links to the first option.
/// </summary>
public abstract record ChoiceGroup(string Name, string Legend, IReadOnlyList<Choice> Choices) : IErrorTarget
{
    public string? Hint { get; init; }

    public string? Error { get; init; }

    /// <summary>Starts every id in the group (options, hint, error). By default the name with dots as underscores.</summary>
    public string IdPrefix { get; init; } = Name.Replace('.', '_');

    /// <summary>The first option: where the error summary sends focus.</summary>
    public string Id => ChoiceId(Choices[0]);

    public string ChoiceId(Choice choice)
    {
        ArgumentNullException.ThrowIfNull(choice);
        return IdPrefix + "-" + choice.Value;
    }

    /// <summary>Whether <paramref name="choice"/> is selected now.</summary>
    public abstract bool IsChecked(Choice choice);

    /// <summary>The fieldset is described by its hint and its error, so both are read with the question.</summary>
    public string? DescribedBy =>
        (Hint, Error) switch
        {
            (null, null) => null,
            (_, null) => IdPrefix + "-hint",
            (null, _) => IdPrefix + "-error",
            _ => IdPrefix + "-hint " + IdPrefix + "-error",
        };
}
