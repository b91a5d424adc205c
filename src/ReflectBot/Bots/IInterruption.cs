using ReflectBot.Framework.Dialogs;

namespace ReflectBot.Bots;

/// <summary>
/// Something that may take over a turn before the active dialog sees it (help, menu, cancel, a request for a
/// therapist, "delete my data" ...). They run in the order <see cref="Bots.BotPipeline"/> lists; the first that
/// handles the turn wins. A journey registers its own commands as <c>IInterruption</c>; they run after the global ones.
/// </summary>
public interface IInterruption
{
    /// <summary>
    /// Returns a turn result when this interruption handled the message, or null to let the next one (and then
    /// the active dialog) have it. <paramref name="innerDc"/> is the main dialog's inner context: begin dialogs
    /// on it to put them on top of whatever is running (they resume it with a re-prompt when they end).
    /// </summary>
    Task<DialogTurnResult?> TryInterruptAsync(DialogContext innerDc, CancellationToken cancellationToken);
}

/// <summary>
/// A conversation the main dialog can start by its key: from its button on the menu (see <see cref="MainMenu"/>),
/// or by key only (a journey handing over to the next, an interruption, the first message).
/// </summary>
public interface IMenuBranch
{
    /// <summary>The key other conversations start it by ("signs", "therapist", "crisis").</summary>
    string MenuKey { get; }

    Dialog Dialog { get; }
}

/// <summary>Registers a dialog as a branch of the main dialog; as with DI itself, the last registration for a key wins.</summary>
public sealed record MenuBranch(string MenuKey, Dialog Dialog) : IMenuBranch;
