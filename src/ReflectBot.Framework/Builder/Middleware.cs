using System.Collections;

namespace ReflectBot.Framework.Builder;

public interface IMiddleware
{
    Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default);
}

/// <summary>Runs middleware outermost first, then the bot's callback; a set is itself middleware, so sets nest.</summary>
public class MiddlewareSet : IMiddleware, IEnumerable<IMiddleware>
{
    private readonly List<IMiddleware> _middleware = [];

    public MiddlewareSet Use(IMiddleware middleware)
    {
        _middleware.Add(middleware ?? throw new ArgumentNullException(nameof(middleware)));
        return this;
    }

    public IReadOnlyList<IMiddleware> Items => _middleware;

    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default) =>
        ReceiveActivityWithStatusAsync(turnContext, (_, ct) => next(ct), cancellationToken);

    /// <summary>Runs the middleware alone (no bot callback at the end).</summary>
    public Task ReceiveActivityAsync(ITurnContext turnContext, CancellationToken cancellationToken) =>
        ReceiveActivityWithStatusAsync(turnContext, null, cancellationToken);

    public Task ReceiveActivityWithStatusAsync(ITurnContext turnContext, BotCallbackHandler? callback, CancellationToken cancellationToken) =>
        Run(turnContext, callback, 0, cancellationToken);

    public IEnumerator<IMiddleware> GetEnumerator() => _middleware.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private Task Run(ITurnContext turnContext, BotCallbackHandler? callback, int index, CancellationToken ct)
    {
        if (index == _middleware.Count)
        {
            return callback is null ? Task.CompletedTask : callback(turnContext, ct);
        }

        return _middleware[index].OnTurnAsync(turnContext, c => Run(turnContext, callback, index + 1, c), ct);
    }
}

/// <summary>Wraps a lambda as middleware.</summary>
public sealed class AnonymousMiddleware(Func<ITurnContext, NextDelegate, CancellationToken, Task> handler) : IMiddleware
{
    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default) =>
        handler(turnContext, next, cancellationToken);
}
