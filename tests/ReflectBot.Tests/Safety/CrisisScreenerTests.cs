using System.Diagnostics;
using ReflectBot.Safety;

namespace ReflectBot.Tests.Safety;

/// <summary>Exact verdicts for the phrasings the screener must and must not react to.</summary>
public sealed class CrisisScreenerTests(ScreenerFixture fixture) : IClassFixture<ScreenerFixture>
{
    private CrisisScreener Screener => fixture.Screener;

    [Theory]
    [InlineData("I took a bunch of pills")]
    [InlineData("someone is breaking in")]
    [InlineData("he has a knife")]
    [InlineData("I'm going to kill myself tonight")]
    [InlineData("he's hitting me right now")]
    [InlineData("i just cut my wrists")]
    public void Emergency(string text) => AssertCategory(text, SafetyCategory.Emergency);

    [Theory]
    [InlineData("kms")]
    [InlineData("I want to unalive myself")]
    [InlineData("I don't want to wake up")]
    [InlineData("everyone would be better off without me")]
    [InlineData("dont want to live")]
    [InlineData("im going to kill my self")]
    [InlineData("i keep thinking about sucide")]
    [InlineData("I want to die")]
    [InlineData("I want to hurt myself")]
    public void Self_harm(string text) => AssertCategory(text, SafetyCategory.SelfHarm);

    // The Columbia (C-SSRS) screener's questions, each phrased as someone might answer it.
    [Theory]
    [InlineData("I wish I was dead", "self-harm.wish-to-be-dead")]
    [InlineData("I just want to go to sleep and not wake up", "self-harm.wish-to-be-dead")]
    [InlineData("I've been having thoughts of killing myself", "self-harm.thoughts")]
    [InlineData("I've thought about hanging myself", "self-harm.method")]
    [InlineData("I'm going to kill myself", "self-harm.thoughts")]
    [InlineData("I've worked out how I'm going to do it", "self-harm.plan-or-preparation")]
    [InlineData("I've been stockpiling my pills", "self-harm.plan-or-preparation")]
    public void Self_harm_signals_of_the_cssrs_screener(string text, string ruleId)
    {
        var result = Screener.Screen(text);
        Assert.Equal(SafetyCategory.SelfHarm, result.Category);
        Assert.Equal(ruleId, result.RuleId);
    }

    [Theory]
    [InlineData("he choked me")]
    [InlineData("she won't let me see my friends and checks my phone")]
    [InlineData("he said he'd hurt me if I leave")]
    [InlineData("he forced me to")]
    [InlineData("he controls my money and who I see")]
    [InlineData("he checks my phone and takes my wages")]
    public void Abuse(string text) => AssertCategory(text, SafetyCategory.Abuse);

    [Theory]
    [InlineData("I want to hurt him")]
    [InlineData("I'm going to kill her")]
    [InlineData("im gonna stab him")]
    public void Harm_to_others(string text) => AssertCategory(text, SafetyCategory.HarmToOthers);

    [Theory]
    [InlineData("I can't do this anymore")]
    [InlineData("I feel like a burden")]
    [InlineData("what's the point")]
    [InlineData("I'm so tired of everything")]
    [InlineData("nobody would care")]
    [InlineData("I feel hopeless")]
    [InlineData("he is really controlling")]
    public void Check_in(string text) => AssertCategory(text, SafetyCategory.CheckIn);

    [Theory]
    [InlineData("this job is killing me")]
    [InlineData("I could kill for a coffee")]
    [InlineData("dead tired")]
    [InlineData("I want to end this conversation")]
    [InlineData("my partner never talks about feelings")]
    [InlineData("I'm dying to see that film")]
    [InlineData("that joke killed")]
    [InlineData("my phone is dead")]
    [InlineData("we fought about the dishes")]
    [InlineData("kill the lights")]
    [InlineData("I'd die of embarrassment")]
    [InlineData("end the relationship?")]
    [InlineData("he's so controlling about the TV remote")]
    [InlineData("I cut myself some slack")]
    [InlineData("hit me up later")]
    [InlineData("my mum is going to kill me if I'm late again")]
    [InlineData("I want to end things with him")]
    [InlineData("kmsl")]
    public void Idioms_and_relationship_talk_are_none(string text) => AssertCategory(text, SafetyCategory.None);

    [Theory]
    [InlineData("Me quiero morir", SafetyCategory.SelfHarm)]
    [InlineData("je ne veux plus vivre", SafetyCategory.SelfHarm)]
    [InlineData("mi esposo me pega", SafetyCategory.Abuse)]
    [InlineData("il me frappe tous les jours", SafetyCategory.Abuse)]
    [InlineData("me pega la gana", SafetyCategory.None)]
    public void Plain_spanish_and_french_phrases_are_caught(string text, SafetyCategory expected) => AssertCategory(text, expected);

    [Fact]
    public void One_controlling_sign_is_a_check_in_but_two_are_abuse()
    {
        // The rules' own design; the learned second opinion may add caution on top (SecondOpinionTests).
        Assert.Equal(SafetyCategory.CheckIn, Screener.ScreenRulesOnly("he goes through my phone").Category);
        Assert.Equal(SafetyCategory.CheckIn, Screener.ScreenRulesOnly("he controls all my money").Category);
        var both = Screener.Screen("he goes through my phone and controls all my money");
        Assert.Equal(SafetyCategory.Abuse, both.Category);
        Assert.Equal("abuse.coercive-control", both.RuleId);
    }

    [Fact]
    public void The_same_sign_twice_is_still_one_sign()
    {
        Assert.Equal(SafetyCategory.CheckIn, Screener.ScreenRulesOnly("he goes through my phone. he goes through my phone every night.").Category);
    }

    // ------------------------------------------------------------------ safety net

    [Theory]
    [InlineData("I keep dreaming about death")]
    [InlineData("sometimes I wonder about dying")]
    [InlineData("my wrists hurt from it")]
    public void Death_words_near_me_that_no_rule_explains_get_an_uncertain_check_in(string text)
    {
        var result = Screener.Screen(text);
        Assert.Equal(new ScreenResult(SafetyCategory.CheckIn, Uncertain: true, "check-in.death-words"), result);
    }

    [Theory]
    [InlineData("the old tree in the park is dying")]
    [InlineData("I'm dead tired")]
    [InlineData("my phone is dead")]
    [InlineData("I'm dying for a holiday")]
    [InlineData("the plant died. I forgot about it")]
    public void Death_words_far_from_me_or_in_figures_of_speech_are_none(string text)
    {
        Assert.Equal(ScreenResult.None, Screener.Screen(text));
    }

    [Theory]
    [InlineData("someone followed me home and is outside now")]
    [InlineData("he says he'll kill me tonight")]
    public void A_threat_happening_now_or_tonight_is_an_emergency(string text)
    {
        Assert.Equal(SafetyCategory.Emergency, Screener.Screen(text).Category);
    }

    [Fact]
    public void Two_farewell_signs_are_self_harm_one_is_a_check_in()
    {
        Assert.Equal(SafetyCategory.CheckIn, Screener.ScreenRulesOnly("I wrote my will last week").Category);
        Assert.Equal(SafetyCategory.SelfHarm, Screener.Screen("I wrote my will last week. I'm ready.").Category);
    }

    // ------------------------------------------------------------------ negation

    [Theory]
    [InlineData("I'm not suicidal, just tired", "self-harm.thoughts")]
    [InlineData("I would never kill myself", "self-harm.thoughts")]
    [InlineData("I don't want to die", "self-harm.wish-to-be-dead")]
    [InlineData("im not going to hurt myself", "self-harm.self-injury")]
    [InlineData("I don't want to hurt him", "harm-to-others.intent")]
    [InlineData("he never hit me", "abuse.physical")]
    public void A_denied_crisis_phrase_is_an_uncertain_check_in_never_silence(string text, string ruleId)
    {
        var result = Screener.Screen(text);
        Assert.Equal(new ScreenResult(SafetyCategory.CheckIn, Uncertain: true, ruleId), result);
        Assert.False(result.IsCrisis);
    }

    [Fact]
    public void A_denied_check_in_phrase_is_dropped()
    {
        Assert.Equal(ScreenResult.None, Screener.Screen("I don't feel hopeless"));
    }

    [Theory]
    [InlineData("I'm not okay. I want to die")]
    [InlineData("not really, I want to die")]
    [InlineData("I'm not suicidal but I want to die")]
    [InlineData("I never thought I would want to die")]
    [InlineData("I don't know why I want to die")]
    [InlineData("I can't stop thinking about killing myself")]
    [InlineData("ngl i want to die")]
    [InlineData("I haven't told anyone that I want to die")]
    public void Negation_does_not_reach_across_clauses_or_from_look_alikes(string text)
    {
        Assert.Equal(SafetyCategory.SelfHarm, Screener.Screen(text).Category);
    }

    [Fact]
    public void A_denial_does_not_hide_a_different_crisis_in_the_same_message()
    {
        var result = Screener.Screen("I'm not suicidal but I took a bunch of pills");
        Assert.Equal(SafetyCategory.Emergency, result.Category);
        Assert.False(result.Uncertain);
    }

    [Fact]
    public void A_pattern_gap_never_skips_a_negation()
    {
        // "dont ...3 want to be alive" must not read "I don't NOT want to be alive" as a wish to die;
        // the only match left is a denied phrase.
        // Rules only: the learned second opinion reads words, not negation, and may still ask.
        Assert.NotEqual(SafetyCategory.SelfHarm, Screener.ScreenRulesOnly("i dont really not want to be alive").Category);
    }

    // ------------------------------------------------------------------ hedges

    [Theory]
    [InlineData("maybe I want to die")]
    [InlineData("I want to die lol")]
    [InlineData("idk i kind of want to kill myself")]
    public void A_hedged_crisis_keeps_its_category_and_is_marked_uncertain(string text)
    {
        var result = Screener.Screen(text);
        Assert.Equal(SafetyCategory.SelfHarm, result.Category);
        Assert.True(result.Uncertain);
        Assert.True(result.IsCrisis);
    }

    [Fact]
    public void A_plain_crisis_is_certain()
    {
        Assert.False(Screener.Screen("I want to die").Uncertain);
    }

    // ------------------------------------------------------------------ priority

    [Theory]
    [InlineData("I want to hurt him and I want to kill myself", SafetyCategory.SelfHarm)]
    [InlineData("he hits me and I want to die", SafetyCategory.SelfHarm)]
    [InlineData("he hits me and I want to hurt him", SafetyCategory.Abuse)]
    [InlineData("I took a bunch of pills because he hits me and I want to die", SafetyCategory.Emergency)]
    [InlineData("I feel hopeless and he hits me", SafetyCategory.Abuse)]
    [InlineData("I feel like a burden and I want to hurt him", SafetyCategory.HarmToOthers)]
    [InlineData("he hit me. I'm not going to kill myself", SafetyCategory.Abuse)]
    public void The_most_urgent_category_wins(string text, SafetyCategory expected)
    {
        Assert.Equal(expected, Screener.Screen(text).Category);
    }

    [Fact]
    public void A_certain_match_beats_an_uncertain_one_of_the_same_category()
    {
        var result = Screener.Screen("maybe I want to die. I want to kill myself.");
        Assert.Equal(new ScreenResult(SafetyCategory.SelfHarm, false, "self-harm.thoughts"), result);
    }

    // ------------------------------------------------------------------ normalisation

    [Theory]
    [InlineData("I WaNt To DiE")]
    [InlineData("I   want\t\tto\n die")]
    [InlineData("i want... to... die!!!")]
    [InlineData("I don\u2019t want to live")]
    [InlineData("i want to dieeeeee")]
    [InlineData("i want to d\u200Bie")]
    [InlineData("😭😭 i want to die 😭")]
    [InlineData("i wanna die")]
    [InlineData("\"I want to die\"")]
    public void Case_spacing_punctuation_emoji_and_stretching_do_not_hide_a_crisis(string text)
    {
        Assert.Equal(SafetyCategory.SelfHarm, Screener.Screen(text).Category);
    }

    [Theory]
    [InlineData("I'm going to kill myself", "i am going to kill myself")]
    [InlineData("he'll hurt me", "he will hurt me")]
    [InlineData("I don't, I can't", "i dont | i cant")]
    [InlineData("kms", "kill myself")]
    [InlineData("soooo tired", "so tired")]
    [InlineData("self-harm", "self harm")]
    [InlineData("I'm fine - not really", "i am fine | not really")]
    [InlineData("fine but sad", "fine | but sad")]
    public void Messages_are_normalised_to_canonical_words_and_clauses(string text, string expected)
    {
        Assert.Equal(expected, Screener.Normalise(text));
    }

    [Fact]
    public void A_crisis_inside_a_long_message_is_found()
    {
        var text = "We had dinner with his parents and it was fine, mostly. He didn't say much on the drive home. "
            + "Then we argued about the holidays again and he went to bed without talking. "
            + "I sat in the kitchen for hours. Honestly I don't want to be alive anymore. "
            + "Anyway, what should I say to him tomorrow?";
        Assert.Equal(SafetyCategory.SelfHarm, Screener.Screen(text).Category);
    }

    // ------------------------------------------------------------------ edge input

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t\r ")]
    [InlineData("😭😭😭")]
    [InlineData("?!...,,;")]
    public void Empty_and_wordless_input_is_none(string? text)
    {
        Assert.Equal(ScreenResult.None, Screener.Screen(text));
    }

    [Fact]
    public void Ten_thousand_characters_screen_quickly_without_allocating()
    {
        var calm = string.Concat(Enumerable.Repeat("We talked about the dishes and he changed the subject again. ", 200))[..10_000];
        var crisis = calm[..9_950] + " I want to kill myself.";
        var oneWord = new string('a', 10_000);

        Assert.Equal(SafetyCategory.None, Screener.Screen(calm).Category);
        Assert.Equal(SafetyCategory.SelfHarm, Screener.Screen(crisis).Category);
        Assert.Equal(SafetyCategory.None, Screener.Screen(oneWord).Category);

        // Three rounds, the least counted: a busy machine can tier up or JIT a path mid-round, which allocates
        // once; screening itself would allocate in every round.
        var perMessage = double.MaxValue;
        var allocated = long.MaxValue;
        for (var round = 0; round < 3; round++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < 50; i++)
            {
                Screener.Screen(calm);
                Screener.Screen(crisis);
            }

            perMessage = Math.Min(perMessage, Stopwatch.GetElapsedTime(started).TotalMilliseconds / 100);
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        // Generous bound for a shared CI core; bench/ScreenerBench/README.md has the measured figure.
        Assert.True(perMessage < 20, $"{perMessage:F2} ms per 10,000-character message");
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Screening_short_messages_allocates_nothing()
    {
        string[] texts = ["I want to die", "hi there", "he goes through my phone and controls my money", "I'm not suicidal, just tired", "kms lol"];
        foreach (var text in texts)
        {
            Screener.Screen(text);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        foreach (var text in texts)
        {
            Screener.Screen(text);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Screening_is_safe_from_many_threads_at_once()
    {
        var labelled = LabelledMessage.ReadAll();
        var expected = labelled.Select(m => Screener.Screen(m.Text)).ToArray();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < labelled.Count; i++)
            {
                Assert.Equal(expected[i], Screener.Screen(labelled[i].Text));
            }
        });
    }

    private void AssertCategory(string text, SafetyCategory expected)
    {
        var result = Screener.Screen(text);
        Assert.True(result.Category == expected, $"'{text}' screened as {result.Category.WireName()} [{result.RuleId}], expected {expected.WireName()}");
    }
}
