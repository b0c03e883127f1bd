using Microsoft.AspNetCore.Http.Features;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// Holds every route to <see cref="SiteServices.MaxRequestBodyBytes"/>, answering 413 (which the status
/// code pages turn into the friendly "That was too much to send" page). Kestrel enforces the same
/// limit, but only when something reads the body: a page whose form is read by the antiforgery check
/// would answer a vague 400, and a route that never reads it would answer as if nothing had been sent.
/// A chunked body is read into memory up to the limit, so what the page reads is known to fit. An
/// oversized body is read and thrown away up to <see cref="DrainLimitBytes"/> before answering: a
/// browser sends the whole body before it reads the answer, and closing on it would show the person a
/// "connection reset" instead of the page that says what to do.
/// </summary>
public static class RequestBodyLimit
{
    /// <summary>How much of an oversized body is read (and discarded) so that the 413 page reaches the browser.</summary>
    public const long DrainLimitBytes = 2 * 1024 * 1024;

    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            // The friendly error page is rendered by re-running the request: let that through.
            if (context.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is not null)
            {
                await next(context);
                return;
            }

            if (request.ContentLength > SiteServices.MaxRequestBodyBytes)
            {
                await RefuseAsync(context);
                return;
            }

            if (request.ContentLength is null && request.Headers.TransferEncoding.Count > 0)
            {
                LiftServerLimit(context);
                var buffered = new MemoryStream();
                var chunk = new byte[16 * 1024];
                int read;
                while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
                {
                    buffered.Write(chunk, 0, read);
                    if (buffered.Length > SiteServices.MaxRequestBodyBytes)
                    {
                        await RefuseAsync(context);
                        return;
                    }
                }

                buffered.Position = 0;
                request.Body = buffered;
                request.ContentLength = buffered.Length;
            }

            await next(context);
        });

    private static async Task RefuseAsync(HttpContext context)
    {
        LiftServerLimit(context);
        var scratch = new byte[16 * 1024];
        long drained = 0;
        try
        {
            int read;
            while (drained <= DrainLimitBytes && (read = await context.Request.Body.ReadAsync(scratch, context.RequestAborted)) > 0)
            {
                drained += read;
            }
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // The client gave up or broke the request; answer anyway, the server closes the connection.
        }

        context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
    }

    /// <summary>Kestrel would throw at the limit; this middleware enforces it instead, with a proper answer.</summary>
    private static void LiftServerLimit(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = DrainLimitBytes + SiteServices.MaxRequestBodyBytes;
        }
    }
}
