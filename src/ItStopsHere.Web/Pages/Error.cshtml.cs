using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ItStopsHere.Web.Pages;

/// <summary>
/// The friendly page for errors and status codes. Reached by re-execution, so it answers any method,
/// never needs an antiforgery token, and keeps the original status code.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Sorry, something went wrong";

    public string Message { get; private set; } = "The problem is ours, not yours. Please try again in a few minutes.";

    public string? RequestId { get; private set; }

    public void OnGet() => Describe(StatusFromRoute());

    // No handler parameters on purpose: binding one would make MVC read the form of the failed request
    // (a 1 MB body, say), fail, and describe a 413 as "something went wrong".
    public void OnPost() => Describe(StatusFromRoute());

    /// <summary>Re-executed for a PUT or DELETE (a 405, say) no handler matches: describe the status anyway.</summary>
    public override void OnPageHandlerSelected(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context)
    {
        if (context.HandlerMethod is null)
        {
            Describe(StatusFromRoute());
        }
    }

    private int? StatusFromRoute() =>
        int.TryParse(RouteData.Values["statusCode"] as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code)
            ? code
            : null;

    private void Describe(int? statusCode)
    {
        var direct = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null
            && HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerPathFeature>() is null;
        // After an exception the handler re-executes /error with no status; a visitor typing /error/ gets "not found".
        var failure = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        if (failure is Signing.WriterBusyException)
        {
            // The same wait the pledge's own pages ask for when the writer is full.
            Response.Headers.RetryAfter = ((int)Signing.SigningResult.BusyRetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var code = statusCode ?? (direct ? StatusCodes.Status404NotFound
            : failure is not null && Response.StatusCode >= 500 ? Response.StatusCode : StatusCodes.Status500InternalServerError);
        (Heading, Message) = code switch
        {
            403 => ("You do not have access to this page", "Your account cannot open this page. If you need it for your work on the campaign, ask an Admin."),
            404 => ("Page not found", "If you typed the web address, check it is correct. If you followed a link, the page may have moved."),
            400 => ("Sorry, we could not read that request", "Please go back, refresh the page and try again."),
            405 => ("Sorry, that did not work", "Please go back and try again from the page you were on."),
            413 => ("That was too much to send", "Please shorten what you entered and try again."),
            429 => ("Too many attempts", WhenToRetry() ?? "Please wait a minute and try again."),
            503 => ("The site is very busy", WhenToRetry() ?? "Please try again in a minute."),
            _ => ("Sorry, something went wrong", "The problem is ours, not yours. Please try again in a few minutes."),
        };

        if (code >= 500)
        {
            RequestId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }

        // A direct visit to /error/404 answers with that status too, not 200.
        if (direct)
        {
            Response.StatusCode = code is >= 400 and <= 599 ? code : StatusCodes.Status404NotFound;
        }
    }

    /// <summary>"Please try again after 14:32 (in about 3 minutes)", from the response's Retry-After in seconds.</summary>
    private string? WhenToRetry()
    {
        if (!int.TryParse(Response.Headers.RetryAfter.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds) || seconds <= 0)
        {
            return null;
        }

        if (seconds < 60)
        {
            return $"Please wait {seconds} seconds, then try again.";
        }

        var minutes = (int)Math.Ceiling(seconds / 60.0);
        var at = Infrastructure.UkFormat.Time(DateTimeOffset.UtcNow.AddSeconds(seconds));
        return $"Please try again after {at} (in about {minutes} {(minutes == 1 ? "minute" : "minutes")}).";
    }
}
