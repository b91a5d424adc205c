using System.Security.Cryptography;
using System.Text;

namespace ReflectBot.Safety;

/// <summary>
/// What gets logged when the screener fires: never the message text, never the raw conversation id.
/// </summary>
/// <param name="Category">Wire name of the category, e.g. "self-harm".</param>
/// <param name="HashedConversationId">See <see cref="HashConversationId"/>.</param>
/// <param name="Locale">The activity's locale, or "" when it had none.</param>
/// <param name="RuleId">The screening rule that decided, from screening.yaml.</param>
public sealed record SafetyEvent(string Category, string HashedConversationId, string Locale, string RuleId)
{
    /// <summary>
    /// First 16 hex characters of the SHA-256 of the conversation id: enough to group one
    /// conversation's events, not enough to look the conversation up.
    /// </summary>
    public static string HashConversationId(string conversationId)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(conversationId), hash);
        return Convert.ToHexStringLower(hash[..8]);
    }

    /// <summary>The event for a screening result; a result with no rule (None) is logged as "none".</summary>
    public static SafetyEvent From(ScreenResult result, string conversationId, string? locale) =>
        new(result.Category.WireName(), HashConversationId(conversationId), locale ?? "", result.RuleId ?? "none");
}
