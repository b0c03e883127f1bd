namespace ItStopsHere.Web.Pages.Admin.Pages;

/// <summary>The form of one help line or figure: what <see cref="FactEditPageModel{TFact, TInput}"/> needs of it.</summary>
public interface IFactInput<in TFact>
{
    /// <summary>The day it was last checked, as the date field sends it (yyyy-MM-dd).</summary>
    string? CheckedOn { get; set; }

    /// <summary>The one line for the page's public history.</summary>
    string? ChangeNote { get; set; }

    /// <summary>The page's revision when the form was opened, to refuse a save over someone else's.</summary>
    int Revision { get; set; }

    /// <summary>Writes the (validated) input onto <paramref name="fact"/>; its key stays.</summary>
    void ApplyTo(TFact fact);
}
