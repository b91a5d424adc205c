using ReflectBot.Framework.Schema;
using ReflectBot.Safety;

namespace ReflectBot.Tests.Safety;

/// <summary>Conversation steps the safety tests share: the crisis reply as a person sees it, and getting to the menu.</summary>
internal static class SafetyFlowExtensions
{
    public const string SafeQuestion = "Are you safe right now?";

    /// <summary>
    /// The two activities of a crisis reply: help (containing each of <paramref name="helpContains"/>) and the
    /// "are you safe right now?" question with its buttons, both tagged with the safety entity.
    /// </summary>
    public static TestFlow AssertCrisisReply(this TestFlow flow, string category, params string[] helpContains) =>
        flow.AssertReply(
                help =>
                {
                    Assert.Equal(category, CrisisReplies.CategoryOf(help.Sent));
                    foreach (var expected in helpContains)
                    {
                        Assert.Contains(expected, help.Text);
                    }
                },
                $"the {category} crisis reply")
            .AssertReply(
                question =>
                {
                    Assert.Equal(category, CrisisReplies.CategoryOf(question.Sent));
                    Assert.StartsWith(SafeQuestion, question.Text);
                    Assert.Equal(["Yes, I'm safe", "No, I'm not safe", "I'm not sure", "Pause here", "Go back"], ButtonTitles(question.Sent));
                },
                "the are-you-safe question");

    /// <summary>The check-in question: gentle, tagged check-in, with no crisis lines in it.</summary>
    public static TestFlow AssertCheckIn(this TestFlow flow) =>
        flow.AssertReply(
            question =>
            {
                Assert.Equal("check-in", CrisisReplies.CategoryOf(question.Sent));
                Assert.Contains("how are you doing right now?", question.Text);
                Assert.DoesNotContain("988", question.Text);
                Assert.Equal(["I'm okay, let's go on", "I'm struggling", "I don't feel safe"], ButtonTitles(question.Sent));
            },
            "the check-in question");

    /// <summary>A first message, the welcome and the menu.</summary>
    public static TestFlow StartAtMenu(this TestFlow flow) =>
        flow.Send("hi")
            .AssertReplyContains("I'm ReflectBot")
            .AssertReplyContains("not a therapist")
            .AssertReply("What would you like to do?");

    public static IReadOnlyList<string> ButtonTitles(Activity activity) =>
        activity.SuggestedActions?.Actions?.Select(a => a.Title ?? "").ToList() ?? [];

    /// <summary>A card submission: no text, only <c>value</c>.</summary>
    public static Activity CardSubmission(string valueJson) => new()
    {
        Type = ActivityTypes.Message,
        Value = System.Text.Json.JsonDocument.Parse(valueJson).RootElement.Clone(),
    };
}
