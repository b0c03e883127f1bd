using FluentValidation.AspNetCore;
using FluentValidation.Results;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ItStopsHere.Web.Forms;

/// <summary>
/// Keeps the error summary in the form's order, the order of the fields on the page. ModelState keeps its
/// entries sorted by key, so on its own the summary would list "Answer" before "Statement" whatever the
/// form shows first. A view that builds its fields before the summary declares them with
/// <see cref="FieldsOnPage"/> (their order and the id each error links to, e.g. a group's first option);
/// otherwise the validator's order stands in for it (its rules run in the form's order), remembered by
/// <see cref="AddToModelStateInFormOrder"/>. Either way <c>_ErrorSummary.cshtml</c> reads it from here.
/// </summary>
public static class ErrorOrder
{
    public const string ViewDataKey = "ErrorOrder";

    public const string FieldsViewDataKey = "ErrorFields";

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

    /// <summary>Declares the form's fields in the order the page shows them, before the error summary is rendered.</summary>
    public static void FieldsOnPage(this ViewDataDictionary viewData, params IErrorTarget[] fields)
    {
        ArgumentNullException.ThrowIfNull(viewData);
        viewData[FieldsViewDataKey] = fields;
    }

    /// <summary>
    /// The entries with errors: general ones first, then in the page's order (declared fields, then the
    /// validator's order), then any others.
    /// </summary>
    public static IEnumerable<KeyValuePair<string, ModelStateEntry?>> Sort(ModelStateDictionary modelState, ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        ArgumentNullException.ThrowIfNull(viewData);
        var order = Fields(viewData).Select(f => f.Name).Concat(viewData[ViewDataKey] as List<string> ?? []).ToList();
        return modelState
            .Where(entry => entry.Value is { Errors.Count: > 0 })
            .Select(entry => new KeyValuePair<string, ModelStateEntry?>(entry.Key, entry.Value))
            .OrderBy(entry => string.IsNullOrEmpty(entry.Key) ? -1 : order.IndexOf(entry.Key) is var i and >= 0 ? i : order.Count);
    }

    /// <summary>The id the summary links to for errors under <paramref name="key"/>: a declared field's, else the key with dots as underscores.</summary>
    public static string Anchor(string key, ViewDataDictionary viewData)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(viewData);
        return Fields(viewData).FirstOrDefault(f => f.Name == key)?.Id ?? key.Replace('.', '_');
    }

    private static IReadOnlyList<IErrorTarget> Fields(ViewDataDictionary viewData) =>
        viewData[FieldsViewDataKey] as IReadOnlyList<IErrorTarget> ?? [];
}
