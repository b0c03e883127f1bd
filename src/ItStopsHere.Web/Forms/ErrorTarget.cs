namespace ItStopsHere.Web.Forms;

/// <summary>
/// An error target that is not a field, e.g. a form-wide message ("this form has expired, press the
/// button again") linked to the submit button.
/// </summary>
public sealed record ErrorTarget(string Name, string Id) : IErrorTarget;
