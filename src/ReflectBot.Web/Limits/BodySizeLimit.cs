using Microsoft.AspNetCore.Http.Metadata;

namespace ReflectBot.Web.Limits;

/// <summary>
/// Endpoint metadata capping the request body: routing applies it to the server's body-size limit before the handler
/// runs, so a route that reads no body still stops reading a huge one (Kestrel answers 413 or drops the connection).
/// </summary>
public sealed record BodySizeLimit(long? MaxRequestBodySize) : IRequestSizeLimitMetadata;
