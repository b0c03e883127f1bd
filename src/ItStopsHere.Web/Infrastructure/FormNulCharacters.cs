using System.Buffers;

namespace ItStopsHere.Web.Infrastructure;

/// <summary>
/// ASP.NET Core refuses a whole URL-encoded form when any value holds an encoded NUL (<c>%00</c>): the
/// form cannot be read, the antiforgery check fails, and the person gets the generic "could not read
/// that request" page with nothing to say which field was wrong. This turns each <c>%00</c> into the
/// raw byte, which the form reader accepts, so the NUL reaches the page's validator like any other
/// control character and the person gets the message beside the field. The body is already known to
/// be within <see cref="SiteServices.MaxRequestBodyBytes"/> (<see cref="RequestBodyLimit"/> runs first).
/// </summary>
public static class FormNulCharacters
{
    public static IApplicationBuilder UseFormNulCharacters(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (request.ContentLength is not (> 0 and <= SiteServices.MaxRequestBodyBytes)
                || !request.ContentType.AsSpan().TrimStart().StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            var length = (int)request.ContentLength.Value;
            var buffer = ArrayPool<byte>.Shared.Rent(length);
            try
            {
                var read = 0;
                int count;
                while (read < length && (count = await request.Body.ReadAsync(buffer.AsMemory(read, length - read), context.RequestAborted)) > 0)
                {
                    read += count;
                }

                var size = DecodeNul(buffer.AsSpan(0, read));
                request.Body = new MemoryStream(buffer, 0, size, writable: false);
                request.ContentLength = size;
                await next(context);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });

    /// <summary>Rewrites every <c>%00</c> in place as a single 0 byte; returns the new length.</summary>
    public static int DecodeNul(Span<byte> body)
    {
        var first = body.IndexOf("%00"u8);
        if (first < 0)
        {
            return body.Length;
        }

        var write = first;
        for (var read = first; read < body.Length;)
        {
            if (body[read] == (byte)'%' && read + 2 < body.Length && body[read + 1] == (byte)'0' && body[read + 2] == (byte)'0')
            {
                body[write++] = 0;
                read += 3;
            }
            else
            {
                body[write++] = body[read++];
            }
        }

        return write;
    }
}
