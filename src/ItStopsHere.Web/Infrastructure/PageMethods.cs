using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// A Razor page answers only the methods it has handlers for: GET and HEAD always (a page renders
/// without a handler, and HEAD runs <c>OnGet</c>), plus POST when it has an <c>OnPost...</c> handler.
/// Anything else (PUT, PATCH, DELETE, ...) gets 405 with an <c>Allow</c> header (OPTIONS gets 204 and the
/// same header), after
/// sign-in and the staff area's authorisation but before the antiforgery check, instead of Razor Pages' default of rendering the page without a
/// handler. Error pages reached by re-execution keep the original method and are let through.
/// </summary>
public static class PageMethods
{
    private static readonly ConditionalWeakTable<CompiledPageActionDescriptor, string[]> Allowed = [];

    public static IApplicationBuilder UsePageMethods(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var page = context.GetEndpoint()?.Metadata.GetMetadata<CompiledPageActionDescriptor>();
            if (page is null
                || context.Features.Get<IStatusCodeReExecuteFeature>() is not null
                || context.Features.Get<IExceptionHandlerFeature>() is not null)
            {
                return next(context);
            }

            var allowed = Allowed.GetValue(page, AllowedMethods);
            var method = context.Request.Method;
            if (allowed.Any(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase)))
            {
                return next(context);
            }

            // OPTIONS asks which methods a page takes: the answer is the Allow header.
            context.Response.StatusCode = HttpMethods.IsOptions(method) ? StatusCodes.Status204NoContent : StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = string.Join(", ", allowed);
            return Task.CompletedTask;
        });

    /// <summary>The methods a page answers, in the order an <c>Allow</c> header lists them.</summary>
    public static string[] AllowedMethods(CompiledPageActionDescriptor page) =>
        [
            HttpMethods.Get,
            HttpMethods.Head,
            .. page.HandlerMethods
                .Select(h => h.HttpMethod.ToUpperInvariant())
                .Where(m => m is not "GET" and not "HEAD")
                .Distinct()
                .Order(StringComparer.Ordinal),
        ];
}
