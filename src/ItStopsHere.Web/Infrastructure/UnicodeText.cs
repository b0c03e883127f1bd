using System.Text;

namespace ItStopsHere.Web.Infrastructure;

public static class UnicodeText
{
    /// <summary>
    /// <see cref="string.Normalize(NormalizationForm)"/>, except that text it cannot normalise (unpaired
    /// surrogates, noncharacters such as U+FFFE) comes back unchanged instead of throwing, so a hostile
    /// value reaches the validator (or finds nothing) rather than causing a 500.
    /// </summary>
    public static string NormalizeOrKeep(string value, NormalizationForm form = NormalizationForm.FormC)
    {
        try
        {
            return value.Normalize(form);
        }
        catch (ArgumentException)
        {
            return value;
        }
    }
}
