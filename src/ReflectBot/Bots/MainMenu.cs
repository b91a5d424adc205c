using ReflectBot.Content;

namespace ReflectBot.Bots;

/// <summary>A button on the main menu: the key of the conversation it starts, and its words from that journey's file.</summary>
public sealed record MenuButton(string Key, ChoiceWords Words);

/// <summary>
/// The main menu's buttons, in the order the journeys were added (see AddReflectBot). Kept apart from the dialogs the
/// buttons start, so anything that only needs the words (the recognizer, "did you mean ...?") can have them without
/// building those dialogs.
/// </summary>
public sealed class MainMenu
{
    public MainMenu(IEnumerable<MenuButton> buttons)
    {
        // As with DI itself, the last button given for a key wins; the menu keeps the order keys were first added in.
        Entries = [.. buttons.GroupBy(b => b.Key, StringComparer.Ordinal)
            .Select(g => g.Last())
            .Select(b => new ChoiceItem { Key = b.Key, Title = b.Words.Title, Synonyms = b.Words.Synonyms })];
    }

    public IReadOnlyList<ChoiceItem> Entries { get; }

    /// <summary>The button for <paramref name="key"/>, or null when no journey on the menu has that key.</summary>
    public ChoiceItem? Find(string key) => Entries.FirstOrDefault(e => e.Key == key);
}
