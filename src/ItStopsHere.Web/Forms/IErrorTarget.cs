namespace ItStopsHere.Web.Forms;

/// <summary>
/// Something on a form that an error can be about, for the error summary: the model-state key its
/// errors are filed under (<c>Input.Email</c>) and the id of the element the summary's link should move
/// focus to (a text input, the first option of a group, a button).
/// </summary>
public interface IErrorTarget
{
    /// <summary>The model-state key, which is also the posted field's name.</summary>
    string Name { get; }

    /// <summary>The id the error summary links to.</summary>
    string Id { get; }
}
