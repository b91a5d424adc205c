using Microsoft.AspNetCore.Http.Metadata;
using ReflectBot.Web.DirectLine;

namespace ReflectBot.Web.Limits;

/// <summary>
/// Endpoint metadata capping the request body: routing applies it to the server's body-size limit before the handler
/// runs, so a route that reads no body still stops reading a huge one (Kestrel drops the connection past it).
/// </summary>
public sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;

public static class BodySizeLimitEndpointExtensions
{
    /// <summary>
    /// Caps the route's request body at <paramref name="maxBytes"/>: a declared length past it gets 413 at once, before
    /// anything is read; a body without a declared length is cut off by the server at the same size.
    /// </summary>
    public static TBuilder WithBodySizeLimit<TBuilder>(this TBuilder builder, long maxBytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder
            .WithMetadata(new BodySizeLimit(maxBytes))
            .AddEndpointFilter(async (context, next) => context.HttpContext.Request.ContentLength > maxBytes
                ? DirectLineEndpoints.Error(StatusCodes.Status413PayloadTooLarge, "MessageSizeTooBig", $"This request may carry at most {Math.Max(1, maxBytes / 1024)} KB.")
                : await next(context));
}
