using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ItStopsHere.Web.Forms;

/// <summary>
/// One labelled text input for <c>_FormField.cshtml</c>: label, optional hint, the error beside the field
/// (linked from the error summary by the field's id) and the attributes that help people fill it in.
/// </summary>
public sealed record FormField(string Name, string Label) : IErrorTarget
{
    public string Type { get; init; } = "text";

    /// <summary>The current value. Never set for a password.</summary>
    public string? Value { get; init; }

    public string? Hint { get; init; }

    public string? Error { get; init; }

    public string? Autocomplete { get; init; }

    public string? InputMode { get; init; }

    public bool SpellCheck { get; init; } = true;

    /// <summary>An extra class for the input, e.g. <c>field__input--short</c>.</summary>
    public string? InputClass { get; init; }

    public int? MaxLength { get; init; }

    /// <summary>The input's id (the error summary links to it). By default the name with dots as underscores.</summary>
    public string Id { get; init; } = Name.Replace('.', '_');

    public string? DescribedBy
    {
        get
        {
            var ids = new List<string>(2);
            if (Hint is not null)
            {
                ids.Add(Id + "-hint");
            }

            if (Error is not null)
            {
                ids.Add(Id + "-error");
            }

            return ids.Count == 0 ? null : string.Join(' ', ids);
        }
    }
}
