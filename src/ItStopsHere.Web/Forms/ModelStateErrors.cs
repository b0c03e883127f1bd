using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ItStopsHere.Web.Forms;

public static class ModelStateErrors
{
    /// <summary>The first error for <paramref name="key"/> (e.g. <c>Input.Email</c>), or null.</summary>
    public static string? ErrorFor(this ModelStateDictionary modelState, string key) =>
        modelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0 ? entry.Errors[0].ErrorMessage : null;
}
