using FluentValidation.AspNetCore;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ItStopsHere.Web.Forms;

/// <summary>
/// Keeps the error summary in the form's order. ModelState keeps its entries sorted by key, so on its own
/// the summary would list "Answer" before "Statement" whatever the form shows first; a validator reports
/// errors in the order its rules run, which is the form's order, and this remembers that order for
/// <c>_ErrorSummary.cshtml</c>.
/// </summary>
public static class ErrorOrder
{
    public const string ViewDataKey = "ErrorOrder";

    /// <summary><c>result.AddToModelState(ModelState, prefix)</c>, remembering the order of the errors.</summary>
    public static void AddToModelStateInFormOrder(this ValidationResult result, PageModel page, string prefix)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(page);
        result.AddToModelState(page.ModelState, prefix);
        var order = page.ViewData[ViewDataKey] as List<string> ?? [];
        order.AddRange(result.Errors.Select(e => string.IsNullOrEmpty(prefix) ? e.PropertyName : $"{prefix}.{e.PropertyName}"));
        page.ViewData[ViewDataKey] = order;
    }

    /// <summary>The entries with errors: general ones first, then in the remembered order, then any others.</summary>
    public static IEnumerable<KeyValuePair<string, ModelStateEntry?>> Sort(ModelStateDictionary modelState, ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(viewData);
        var order = viewData[ViewDataKey] as List<string> ?? [];
        return modelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .Select(entry => new KeyValuePair<string, ModelStateEntry?>(entry.Key, entry.Value))
            .OrderBy(entry => string.IsNullOrEmpty(entry.Key) ? -1 : order.IndexOf(entry.Key) is var i and >= 0 ? i : order.Count);
    }
}
