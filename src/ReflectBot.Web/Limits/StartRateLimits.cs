using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using ReflectBot.Web.DirectLine;

namespace ReflectBot.Web.Limits;

/// <summary>What a start limit counts.</summary>
public enum StartKind
{
    /// <summary>Web chat tokens minted for new visitors.</summary>
    Token,

    /// <summary>Direct Line conversations started.</summary>
    Conversation,
}

/// <summary>
/// Token buckets for <see cref="StartLimitsOptions"/>: per client address (<see cref="ClientAddress"/>) chained with one
/// for everyone, so a single address cannot use up the whole budget and many addresses cannot exceed it together.
/// </summary>
public sealed class StartRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext>? _tokens;
    private readonly PartitionedRateLimiter<HttpContext>? _conversations;

    public StartRateLimits(IOptions<StartLimitsOptions> options)
    {
        var o = options.Value;
        _tokens = Build(o.TokensPerAddressPerMinute, o.TokensPerMinute);
        _conversations = Build(o.ConversationsPerAddressPerMinute, o.ConversationsPerMinute);
    }

    /// <summary>A lease that is always granted when the limit is off.</summary>
    public RateLimitLease Acquire(StartKind kind, HttpContext http) =>
        (kind == StartKind.Token ? _tokens : _conversations)?.AttemptAcquire(http) ?? Granted.Instance;

    private static PartitionedRateLimiter<HttpContext>? Build(int perAddress, int total)
    {
        var limiters = new List<PartitionedRateLimiter<HttpContext>>(2);
        if (perAddress > 0)
        {
            limiters.Add(PartitionedRateLimiter.Create<HttpContext, string>(http => RateLimitPartition.GetTokenBucketLimiter(ClientAddress.KeyOf(http), _ => PerMinute(perAddress))));
        }

        if (total > 0)
        {
            limiters.Add(PartitionedRateLimiter.Create<HttpContext, string>(_ => RateLimitPartition.GetTokenBucketLimiter("everyone", _ => PerMinute(total))));
        }

        return limiters.Count switch
        {
            0 => null,
            1 => limiters[0],
            _ => PartitionedRateLimiter.CreateChained([.. limiters]),
        };
    }

    /// <summary><paramref name="perMinute"/> at once, then refilled evenly over the minute.</summary>
    private static TokenBucketRateLimiterOptions PerMinute(int perMinute) => new()
    {
        TokenLimit = perMinute,
        ReplenishmentPeriod = TimeSpan.FromSeconds(Math.Max(1, 60.0 / perMinute)),
        TokensPerPeriod = Math.Max(1, (int)Math.Round(perMinute / 60.0)),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    public void Dispose()
    {
        _tokens?.Dispose();
        _conversations?.Dispose();
    }

    private sealed class Granted : RateLimitLease
    {
        public static readonly Granted Instance = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}

public static class StartRateLimitEndpointExtensions
{
    /// <summary>
    /// Counts each call against the <paramref name="kind"/> limit before the handler runs; past it, 429 with Retry-After
    /// and a Direct Line error. Calls with the Direct Line secret are a trusted server's and are not counted.
    /// </summary>
    public static TBuilder RequireStartLimit<TBuilder>(this TBuilder builder, StartKind kind)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (http.RequestServices.GetRequiredService<DirectLineSecret>().Matches(DirectLineEndpoints.BearerOf(http.Request)))
            {
                return await next(context);
            }

            using var lease = http.RequestServices.GetRequiredService<StartRateLimits>().Acquire(kind, http);
            if (lease.IsAcquired)
            {
                return await next(context);
            }

            var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(10);
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return DirectLineEndpoints.Error(
                StatusCodes.Status429TooManyRequests,
                "TooManyRequests",
                kind == StartKind.Token
                    ? "Too many new chats are starting right now; try again shortly."
                    : "Too many conversations are starting right now; try again shortly.");
        });
}
