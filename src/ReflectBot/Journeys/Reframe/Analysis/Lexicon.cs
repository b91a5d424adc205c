namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>A family of feelings shown together as choices ("sad": lonely, hurt, disappointed…).</summary>
public sealed record FeelingFamily(string Key, string Label, IReadOnlyList<string> Words);

/// <summary>A feeling word and the family it belongs to.</summary>
public sealed record FeelingWord(string Word, string Family);

/// <summary>A group of needs shown together as choices ("connection": closeness, to be heard…).</summary>
public sealed record NeedGroup(string Key, string Label, IReadOnlyList<string> Needs);

/// <summary>
/// A word that sounds like a feeling but says what someone else did ("ignored"), with the real
/// feelings and needs that often sit underneath it.
/// </summary>
/// <param name="Word">The word as the lexicon names it.</param>
/// <param name="Feelings">Feelings that may lie underneath; every one is in the feelings list.</param>
/// <param name="Needs">Needs that may lie underneath; every one is in the needs list.</param>
public sealed record FauxFeeling(string Word, IReadOnlyList<string> Feelings, IReadOnlyList<string> Needs);
