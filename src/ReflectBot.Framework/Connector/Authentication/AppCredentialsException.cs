using System.Net;

namespace ReflectBot.Framework.Connector.Authentication;

/// <summary>The token endpoint refused or failed to issue a token for the bot.</summary>
public sealed class AppCredentialsException : Exception
{
    public AppCredentialsException(string message, HttpStatusCode? statusCode = null, string? errorCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    public HttpStatusCode? StatusCode { get; }

    /// <summary>The OAuth "error" field (e.g. invalid_client), when the endpoint sent one.</summary>
    public string? ErrorCode { get; }
}
