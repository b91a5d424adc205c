using System.Buffers;
using Microsoft.AspNetCore.Http.Features;

namespace ReflectBot.Web;

/// <summary>Reading a request body with a size limit, for every endpoint that takes an activity or a small JSON body.</summary>
internal static class RequestBody
{
    /// <summary>
    /// The body; null with <c>TooLarge</c> as soon as it passes <paramref name="limit"/> bytes (by its Content-Length
    /// when it has one, else by counting: chunked bodies have none), null alone when the client stopped sending
    /// halfway (a dropped connection, not a server fault).
    /// </summary>
    public static async Task<(byte[]? Body, bool TooLarge)> ReadLimitedAsync(HttpContext http, int limit)
    {
        if (http.Request.ContentLength > limit)
        {
            return (null, true);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Let the server stop reading early too; our own count below still decides.
            sizeFeature.MaxRequestBodySize = limit + 1L;
        }

        var buffer = new ArrayBufferWriter<byte>(Math.Min(limit, 16 * 1024));
        try
        {
            while (true)
            {
                var read = await http.Request.Body.ReadAsync(buffer.GetMemory(8192), http.RequestAborted);
                if (read == 0)
                {
                    return (buffer.WrittenSpan.ToArray(), false);
                }

                buffer.Advance(read);
                if (buffer.WrittenCount > limit)
                {
                    return (null, true);
                }
            }
        }
        catch (BadHttpRequestException ex)
        {
            return (null, ex.StatusCode == StatusCodes.Status413PayloadTooLarge);
        }
    }
}
