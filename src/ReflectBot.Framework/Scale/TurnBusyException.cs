namespace ReflectBot.Framework.Scale;

/// <summary>
/// The turn could not start (or finish) in time because the conversation is busy: another turn of it holds the
/// turn lock, the same activity is still running elsewhere, or state kept changing under it. The host answers
/// 503 with a Retry-After, so the channel tries again later instead of waiting on a request that hangs.
/// </summary>
public sealed class TurnBusyException(string message) : Exception(message);
