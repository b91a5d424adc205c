using System.Text.RegularExpressions;
using ReflectBot.Content;
using ReflectBot.Journeys.Learn;
using ReflectBot.Journeys.Plan;
using ReflectBot.Journeys.Referral;
using ReflectBot.Journeys.Reframe;
using ReflectBot.Journeys.Rehearse;
using ReflectBot.Journeys.Signs;

namespace ReflectBot.Journeys.Conversation;

/// <summary>
/// Names the journey question a waiting prompt asked, as smalltalk.yaml's <c>dont_know.prompts</c> names it
/// (<c>signs/who</c>, <c>plan/when</c> ...), by the text the prompt showed: the question texts come from the same
/// content files, so a reworded question is still found. Placeholders ("{strategy}: what exactly ...") match anything.
/// </summary>
public sealed class OpenQuestions
{
    private readonly List<(Regex Pattern, string Conversation, string Question)> _questions = [];

    public OpenQuestions(SignsContent signs, ReframeContent reframe, PlanContent plan, RehearsalContent rehearsal, ReferralContent referral, LearnContent learn)
    {
        Add("signs", "who", signs.Who.Prompt);
        Add("signs", "checklist", signs.Signs.Checklist.Title);
        Add("signs", "series", signs.Signs.Series.Question);
        Add("signs", "duration", signs.Duration.Prompt);
        Add("signs", "talked", signs.Talked.Prompt);
        Add("signs", "toll", signs.Toll.Prompt);
        Add("signs", "past", signs.Past.Prompt);
        Add("signs", "next", signs.Next.Prompt);
        Add("signs", "next", signs.Next.ReferralPrompt);
        Add("reframe", "draft", reframe.Draft.Prompt);
        Add("reframe", "observation", reframe.Observation.Prompt);
        Add("reframe", "feeling", reframe.Feeling.Prompt);
        Add("reframe", "feeling", reframe.Feeling.FamilyPrompt);
        Add("reframe", "need", reframe.Need.Prompt);
        Add("reframe", "need", reframe.Need.SuggestedPrompt);
        Add("reframe", "need", reframe.Need.GroupPrompt);
        Add("reframe", "request", reframe.Request.Prompt);
        Add("reframe", "review", reframe.Review.Prompt);
        Add("plan", "strategy", plan.Strategy.Prompt);
        Add("plan", "what", plan.What.Prompt);
        Add("plan", "when", plan.When.Prompt);
        Add("plan", "obstacle", plan.Obstacle.Prompt);
        Add("rehearsal", "topic", rehearsal.Topic.Prompt);
        Add("rehearsal", "own", rehearsal.Topic.OwnPrompt);
        Add("rehearsal", "style", rehearsal.Style.Prompt);
        Add("referral", "topics", referral.Intro);
        Add("referral", "topics", referral.IntroOffered);
        Add("referral", "topics", referral.Again);
        Add("learn", "question", learn.Intro);
        Add("learn", "question", learn.AskMore);
    }

    /// <summary>(conversation, question) of the prompt that showed <paramref name="promptText"/>, or null.</summary>
    public (string Conversation, string Question)? Find(string? promptText)
    {
        if (string.IsNullOrWhiteSpace(promptText))
        {
            return null;
        }

        foreach (var (pattern, conversation, question) in _questions)
        {
            if (pattern.IsMatch(promptText))
            {
                return (conversation, question);
            }
        }

        return null;
    }

    private void Add(string conversation, string question, string template)
    {
        // "{name}" matches any text; the rest literally, from the start of the prompt.
        var parts = Regex.Split(template.Trim(), @"\{[A-Za-z]+\}").Select(Regex.Escape);
        _questions.Add((new Regex("^" + string.Join(".*?", parts), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)), conversation, question));
    }
}
