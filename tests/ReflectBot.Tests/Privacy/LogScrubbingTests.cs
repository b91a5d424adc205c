using ReflectBot.Tests.Safety;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Privacy;

/// <summary>Nothing the person wrote ever reaches the logs, whatever path their words take.</summary>
public class LogScrubbingTests
{
    [Fact]
    public async Task A_full_journey_with_a_crisis_leaves_none_of_the_users_words_in_the_logs()
    {
        using var host = new BotTestHost();
        var said = new List<string>();
        TestFlow Say(TestFlow flow, string text)
        {
            said.Add(text);
            return flow.Send(text);
        }

        var flow = host.Flow();
        flow = Say(flow, "hi there, my name is Philomena Quastorbury");
        flow = Say(flow, "my husband Bartholomew stopped talking to me in Zagreb");
        flow = Say(flow, "Find a therapist");
        flow = Say(flow, "Kinds of help");
        flow = Say(flow, "where to look");
        flow = Say(flow, "I feel hopeless about Bartholomew");
        flow = Say(flow, "I'm struggling with the Zagreb move");
        flow = Say(flow, "I keep thinking about jumping off the bridge in Kettlewick");
        flow = Say(flow, "No, I'm not safe at Kettlewick");
        flow = Say(flow, "yes");
        flow = Say(flow, "go back");
        flow = Say(flow, "That's all for now");
        flow = Say(flow, "no");
        said.Add("Quastorbury wants to end my life tonight");
        flow = flow.Send(SafetyFlowExtensions.CardSubmission("""{"text":"Quastorbury wants to end my life tonight"}"""));
        flow = Say(flow, "delete my data");
        flow = Say(flow, "yes");
        await flow.StartTestAsync();

        // The bot did log its safety events, redacted.
        Assert.Contains(host.Logs.Lines, l => l.Contains("Safety event self-harm", StringComparison.Ordinal));
        Assert.Contains(host.Logs.Lines, l => l.Contains("Safety event check-in", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("conversation-1", StringComparison.Ordinal));

        var words = said.SelectMany(s => s.Split(' ', ',', '.', '\'')).Where(w => w.Length >= 6 && char.IsUpper(w[0])).Distinct().ToList();
        Assert.Contains("Kettlewick", words);
        foreach (var line in host.Logs.Lines)
        {
            foreach (var word in words.Append("jumping off").Append("hopeless about").Append("not safe at"))
            {
                Assert.DoesNotContain(word, line, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task A_locale_carrying_free_text_is_not_logged()
    {
        using var host = new BotTestHost();
        var activity = new Framework.Schema.Activity { Type = "message", Text = "I want to kill myself", Locale = "en-US please help me Philomena" };
        await host.Flow().Send(activity).StartTestAsync();
        Assert.Contains(host.Logs.Lines, l => l.Contains("locale unrecognised", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs.Lines, l => l.Contains("Philomena", StringComparison.Ordinal));
    }
}
