using System.Net;

namespace ReflectBot.Framework.Connector;

/// <summary>A Connector call failed for good (after any retries). Carries no response body.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException(HttpMethod method, Uri requestUri, HttpStatusCode? statusCode, string? reasonPhrase, int attempts, Exception? innerException = null)
        : base(Describe(method, requestUri, statusCode, reasonPhrase, attempts, innerException), innerException)
    {
        Method = method;
        RequestUri = requestUri;
        StatusCode = statusCode;
        ReasonPhrase = reasonPhrase;
        Attempts = attempts;
    }

    public HttpMethod Method { get; }

    public Uri RequestUri { get; }

    /// <summary>The last response's status; null when no response came (network error or timeout).</summary>
    public HttpStatusCode? StatusCode { get; }

    public string? ReasonPhrase { get; }

    public int Attempts { get; }

    private static string Describe(HttpMethod method, Uri uri, HttpStatusCode? status, string? reason, int attempts, Exception? inner)
    {
        var outcome = status is { } code
            ? $"{(int)code} {reason ?? code.ToString()}"
            : $"no response ({inner?.GetType().Name ?? "unknown error"})";
        var tries = attempts == 1 ? "1 attempt" : $"{attempts} attempts";
        return $"Connector {method} {uri.GetLeftPart(UriPartial.Path)} failed after {tries}: {outcome}.";
    }
}
