using System.Text.RegularExpressions;
using ReflectBot.Content;
using ReflectBot.Journeys.Learn;
using ReflectBot.Safety;

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
        Add("signs", "who", signs.WhoPrompt);
        Add("signs", "checklist", signs.ChecklistTitle);
        Add("signs", "series", signs.SeriesQuestion);
        Add("signs", "duration", signs.DurationPrompt);
        Add("signs", "talked", signs.TalkedPrompt);
        Add("signs", "toll", signs.TollPrompt);
        Add("signs", "past", signs.PastPrompt);
        Add("signs", "next", signs.NextPrompt);
        Add("signs", "next", signs.NextReferralPrompt);
        Add("reframe", "draft", reframe.DraftPrompt);
        Add("reframe", "observation", reframe.ObservationPrompt);
        Add("reframe", "feeling", reframe.FeelingPrompt);
        Add("reframe", "feeling", reframe.FeelingFamilyPrompt);
        Add("reframe", "need", reframe.NeedPrompt);
        Add("reframe", "need", reframe.NeedSuggestedPrompt);
        Add("reframe", "need", reframe.NeedGroupPrompt);
        Add("reframe", "request", reframe.RequestPrompt);
        Add("reframe", "review", reframe.ReviewPrompt);
        Add("plan", "strategy", plan.StrategyPrompt);
        Add("plan", "what", plan.WhatPrompt);
        Add("plan", "when", plan.WhenPrompt);
        Add("plan", "obstacle", plan.ObstaclePrompt);
        Add("rehearsal", "topic", rehearsal.TopicPrompt);
        Add("rehearsal", "own", rehearsal.OwnTopicPrompt);
        Add("rehearsal", "style", rehearsal.StylePrompt);
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
