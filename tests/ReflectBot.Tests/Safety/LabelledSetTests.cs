using System.Text;
using ReflectBot.Safety;
using ReflectBot.Safety.Model;

namespace ReflectBot.Tests.Safety;

/// <summary>
/// The screener against the hand-labelled set in labelled-messages.tsv. A positive is caught when it
/// raises a crisis (a check-in item: check-in or stronger); a none item is a false alarm when it raises a crisis.
/// </summary>
public sealed class LabelledSetTests(ScreenerFixture fixture) : IClassFixture<ScreenerFixture>
{
    private readonly IReadOnlyList<LabelledMessage> _messages = LabelledMessage.ReadAll();

    [Fact]
    public void Set_is_large_and_covers_every_category()
    {
        Assert.True(_messages.Count >= 200, $"only {_messages.Count} labelled messages");
        Assert.True(_messages.Count(m => m.Expected == SafetyCategory.None) >= 80, "fewer than 80 negatives");
        foreach (var category in new[] { SafetyCategory.Emergency, SafetyCategory.SelfHarm, SafetyCategory.Abuse, SafetyCategory.HarmToOthers, SafetyCategory.CheckIn })
        {
            Assert.True(_messages.Count(m => m.Expected == category) >= 10, $"fewer than 10 {category.WireName()} messages");
        }

        var duplicates = _messages.GroupBy(m => m.Text, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(duplicates.Count == 0, "duplicated messages: " + string.Join(" | ", duplicates));
    }

    [Fact]
    public void Recall_on_positives_is_at_least_98_percent()
    {
        var positives = _messages.Where(m => m.Expected != SafetyCategory.None).ToList();
        var misses = new StringBuilder();
        var caught = 0;
        foreach (var message in positives)
        {
            var result = fixture.Screener.Screen(message.Text);
            var ok = message.Expected == SafetyCategory.CheckIn ? result.Category != SafetyCategory.None : result.IsCrisis;
            if (ok)
            {
                caught++;
            }
            else
            {
                misses.AppendLine($"  line {message.Line}: expected {message.Expected.WireName()}, got {Describe(result)}: {message.Text}");
            }
        }

        var recall = (double)caught / positives.Count;
        Assert.True(recall >= 0.98, $"recall {caught}/{positives.Count} = {recall:P1}; misses:\n{misses}");
    }

    [Fact]
    public void False_alarms_on_negatives_are_at_most_5_percent()
    {
        var negatives = _messages.Where(m => m.Expected == SafetyCategory.None).ToList();
        var alarms = new StringBuilder();
        var count = 0;
        foreach (var message in negatives)
        {
            var result = fixture.Screener.Screen(message.Text);
            if (result.IsCrisis)
            {
                count++;
                alarms.AppendLine($"  line {message.Line}: got {Describe(result)}: {message.Text}");
            }
        }

        var rate = (double)count / negatives.Count;
        Assert.True(rate <= 0.05, $"false alarms {count}/{negatives.Count} = {rate:P1}:\n{alarms}");
    }

    [Fact]
    public void Crisis_positives_get_their_labelled_category_or_a_more_urgent_one()
    {
        // Recall only asks for "some crisis"; this checks the reply would be the right kind:
        // a self-harm message must never be answered as harm-to-others, for example.
        var wrong = new StringBuilder();
        foreach (var message in _messages.Where(m => m.Expected.IsCrisis()))
        {
            var result = fixture.Screener.Screen(message.Text);
            if (result.IsCrisis && result.Category != message.Expected && result.Category.Severity() < message.Expected.Severity())
            {
                wrong.AppendLine($"  line {message.Line}: expected {message.Expected.WireName()}, got {Describe(result)}: {message.Text}");
            }
        }

        Assert.True(wrong.Length == 0, "answered as a less urgent kind of crisis:\n" + wrong);
    }

    [Fact]
    public void Rule_ids_name_data_rules_and_never_echo_the_message()
    {
        var ruleIds = fixture.Screener.RuleIds.ToHashSet(StringComparer.Ordinal);
        foreach (var message in _messages)
        {
            var result = fixture.Screener.Screen(message.Text);
            if (result.Category == SafetyCategory.None)
            {
                Assert.Null(result.RuleId);
                continue;
            }

            // A model verdict names the model and its category ("model.self-harm"), never any text.
            Assert.True(
                ruleIds.Contains(result.RuleId!) || result.RuleId == SecondOpinionPolicy.RuleIdFor(result.Category),
                $"unexpected rule id '{result.RuleId}' for {result.Category.WireName()}");
        }
    }

    private static string Describe(ScreenResult result) =>
        $"{result.Category.WireName()}{(result.Uncertain ? " (uncertain)" : "")} [{result.RuleId ?? "no rule"}]";
}
