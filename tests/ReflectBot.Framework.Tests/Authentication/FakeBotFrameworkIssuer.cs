using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ReflectBot.Framework.Tests.Connector;

namespace ReflectBot.Framework.Tests.Authentication;

/// <summary>
/// Plays the Bot Framework token service: serves OpenID metadata and a JWKS over a fake
/// HttpMessageHandler (no network) and signs tokens with RSA keys made in the test.
/// </summary>
internal sealed class FakeBotFrameworkIssuer
{
    public const string MetadataUrl = "https://login.test/v1/.well-known/openidconfiguration";
    public const string JwksUrl = "https://login.test/v1/.well-known/keys";
    public const string Issuer = "https://api.botframework.com";
    public const string AppId = "11111111-2222-3333-4444-555555555555";
    public const string ServiceUrl = "https://smba.trafficmanager.net/amer/";

    private IReadOnlyList<TestSigningKey> _published = [];
    private int _jwksFetches;

    public FakeBotFrameworkIssuer()
    {
        Handler = new FakeHttpHandler(Serve);
    }

    public FakeHttpHandler Handler { get; }

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    public static TestSigningKey CreateKey(string kid, params string[]? endorsements) => new(kid, RSA.Create(2048), endorsements);

    /// <summary>Replaces the keys the JWKS serves, as a key rotation would.</summary>
    public void Publish(params TestSigningKey[] keys) => _published = keys;

    public static string CreateToken(
        TestSigningKey key,
        string? audience = AppId,
        string issuer = Issuer,
        DateTime? notBefore = null,
        DateTime? expires = null,
        string? serviceUrl = ServiceUrl)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            NotBefore = notBefore ?? now.AddMinutes(-1),
            IssuedAt = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddHours(1),
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(key.Rsa) { KeyId = key.Kid }, SecurityAlgorithms.RsaSha256),
            Claims = serviceUrl is null ? null : new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    private HttpResponseMessage Serve(HttpRequestMessage request)
    {
        switch (request.RequestUri!.AbsoluteUri)
        {
            case MetadataUrl:
                return FakeHttpHandler.Json(JsonSerializer.Serialize(new Dictionary<string, object>
                {
                    ["issuer"] = Issuer,
                    ["authorization_endpoint"] = "https://invalid.botframework.com",
                    ["jwks_uri"] = JwksUrl,
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                    ["token_endpoint_auth_methods_supported"] = new[] { "private_key_jwt" },
                }));
            case JwksUrl:
                Interlocked.Increment(ref _jwksFetches);
                return FakeHttpHandler.Json(JsonSerializer.Serialize(new { keys = _published.Select(key => key.ToJwk()) }));
            default:
                return new HttpResponseMessage(HttpStatusCode.NotFound);
        }
    }
}

internal sealed record TestSigningKey(string Kid, RSA Rsa, string[]? Endorsements)
{
    public Dictionary<string, object> ToJwk()
    {
        var parameters = Rsa.ExportParameters(includePrivateParameters: false);
        var jwk = new Dictionary<string, object>
        {
            ["kty"] = "RSA",
            ["use"] = "sig",
            ["kid"] = Kid,
            ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
            ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
        };
        if (Endorsements is not null)
        {
            jwk["endorsements"] = Endorsements;
        }

        return jwk;
    }
}
