using System.Text;
using ReflectBot.Safety;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

/// <summary>
/// The screener (rules and model together) on messages that were never used to write a rule or train the model:
/// held-out/*.tsv, written by someone who had not seen the screening data. Unlike the labelled set, these figures
/// estimate how the screener does on wording it has never met, so the bounds are what it really achieves, not
/// 98%. A data change that makes the screener memorise instead of generalise shows up here first.
/// </summary>
public sealed class HeldOutSetTests(ScreenerFixture fixture) : IClassFixture<ScreenerFixture>
{
    private static readonly string Folder = Path.Combine(RepoPaths.Root, "tests", "ReflectBot.Tests", "Safety", "held-out");

    private static IReadOnlyList<LabelledMessage> HeldOut() =>
        Directory.GetFiles(Folder, "*.tsv").Order(StringComparer.Ordinal).SelectMany(f => LabelledMessage.ReadAll(f)).ToList();

    [Fact]
    public void No_held_out_message_is_in_the_training_data()
    {
        // Folding these into labelled-messages.tsv would turn the estimate below into a fitted figure.
        var training = LabelledMessage.ReadAll().Select(m => m.Text).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var leaked = HeldOut().Where(m => training.Contains(m.Text)).Select(m => m.Text).ToList();
        Assert.True(leaked.Count == 0, "held-out messages found in the training data: " + string.Join(" | ", leaked));
        Assert.True(HeldOut().Count >= 500, "the held-out set shrank");
    }

    [Fact]
    public void Unseen_crises_are_mostly_caught_and_rarely_met_with_silence()
    {
        var crises = HeldOut().Where(m => m.Expected.IsCrisis()).ToList();
        int caught = 0, silent = 0;
        var report = new StringBuilder();
        foreach (var message in crises)
        {
            var result = fixture.Screener.Screen(message.Text);
            if (result.IsCrisis)
            {
                caught++;
            }
            else if (result.Category == SafetyCategory.None)
            {
                silent++;
                report.AppendLine($"  silent, expected {message.Expected.WireName()}: {message.Text}");
            }
        }

        // Measured when the set was added: 214/278 caught (77%), 37 silent (13%); bounds leave room for noise only.
        Assert.True(caught >= crises.Count * 0.72, $"caught {caught}/{crises.Count}\n{report}");
        Assert.True(silent <= crises.Count * 0.16, $"silent on {silent}/{crises.Count}\n{report}");
    }

    [Fact]
    public void Unseen_everyday_messages_rarely_raise_a_crisis()
    {
        var negatives = HeldOut().Where(m => m.Expected == SafetyCategory.None).ToList();
        var alarms = new StringBuilder();
        var count = 0;
        foreach (var message in negatives)
        {
            var result = fixture.Screener.Screen(message.Text);
            if (result.IsCrisis)
            {
                count++;
                alarms.AppendLine($"  {result.Category.WireName()} ({result.RuleId}): {message.Text}");
            }
        }

        // Measured when the set was added: 11/200 (5.5%).
        Assert.True(count <= negatives.Count * 0.08, $"false alarms {count}/{negatives.Count}\n{alarms}");
    }
}
