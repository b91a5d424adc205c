using ReflectBot.Content;
using ReflectBot.Safety;
using ReflectBot.Safety.Model;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

/// <summary>
/// The learned second opinion (dialogs/safety/classifier.yaml, trained at load on labelled-messages.tsv):
/// it only adds caution after the rules, decides the same way on the same data, takes its thresholds from data,
/// and generalises to messages it never saw (cross-validation).
/// </summary>
public sealed class SecondOpinionTests(ScreenerFixture fixture) : IClassFixture<ScreenerFixture>
{
    // Not in the labelled set, and no rule reads it as a crisis: financial control and checking, no violence word.
    private const string ModelOnlyCrisis = "my husband made me hand over my wages and checks my receipts every night";

    private CrisisScreener Screener => fixture.Screener;

    private static IReadOnlyList<LabelledText> Set() =>
        LabelledSet.Read(Path.Combine(RepoPaths.ContentRoot, "safety", "labelled-messages.tsv"), "labelled-messages.tsv");

    [Fact]
    public void The_shipped_screener_has_a_model_trained_quickly_at_load()
    {
        Assert.True(Screener.HasModel);
        Assert.NotNull(Screener.ModelTrainingTime);

        // Measured ~0.2 s on the 2-core dev machine; the bound is generous for a loaded CI box.
        Assert.True(Screener.ModelTrainingTime!.Value < TimeSpan.FromSeconds(3), $"training took {Screener.ModelTrainingTime}");
    }

    [Fact]
    public void The_model_never_lowers_or_changes_a_rule_crisis_and_only_ever_adds_caution()
    {
        foreach (var message in Set())
        {
            var rules = Screener.ScreenRulesOnly(message.Text);
            var full = Screener.Screen(message.Text);
            if (rules.IsCrisis)
            {
                Assert.Equal(rules, full);
            }
            else
            {
                Assert.True(full.Category.Severity() >= rules.Category.Severity(), $"'{message.Text}': rules {rules}, with model {full}");
                if (full != rules)
                {
                    Assert.True(full.Uncertain, $"a model verdict is always uncertain: {full}");
                    Assert.Equal(SecondOpinionPolicy.RuleIdFor(full.Category), full.RuleId);
                }
            }
        }
    }

    [Fact]
    public void A_message_no_rule_catches_is_caught_by_the_model()
    {
        Assert.False(Screener.ScreenRulesOnly(ModelOnlyCrisis).IsCrisis);
        var result = Screener.Screen(ModelOnlyCrisis);
        Assert.True(result.IsCrisis, result.ToString());
        Assert.True(result.Uncertain);
        Assert.StartsWith("model.", result.RuleId);
    }

    [Fact]
    public void The_model_does_not_speak_over_a_denial_the_rules_judged()
    {
        var result = Screener.Screen("I don't want to die");
        Assert.Equal(new ScreenResult(SafetyCategory.CheckIn, Uncertain: true, "self-harm.wish-to-be-dead"), result);
    }

    [Theory]
    [InlineData("sometimes")]
    [InlineData("Sunday evening")]
    public void Short_replies_to_the_bots_questions_are_left_to_the_rules(string text)
    {
        Assert.Equal(ScreenResult.None, Screener.Screen(text));
    }

    [Fact]
    public void Same_data_gives_the_same_verdicts()
    {
        var again = CrisisScreener.Load(RepoPaths.ContentRoot);
        var texts = Set().Select(m => m.Text).Append(ModelOnlyCrisis).ToList();
        Assert.Equal(texts.Select(Screener.Screen), texts.Select(t => again.Screen(t)));
    }

    [Fact]
    public void Model_inference_allocates_nothing()
    {
        string[] texts = [ModelOnlyCrisis, "we had a long talk about the holidays and it went fine", "he changed the wifi password again, so annoying"];
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

    // ------------------------------------------------------------------ policy

    private static readonly SecondOpinionPolicy Policy = new(CrisisThreshold: 0.7f, CheckInThreshold: 0.5f);

    // Probabilities in SafetyCategory order: none, check-in, self-harm, abuse, emergency, harm-to-others.
    [Theory]
    [InlineData(new[] { 0.1f, 0.1f, 0.5f, 0.2f, 0.05f, 0.05f }, SafetyCategory.SelfHarm, "model.self-harm")]
    [InlineData(new[] { 0.2f, 0.1f, 0.1f, 0.1f, 0.1f, 0.4f }, SafetyCategory.HarmToOthers, "model.harm-to-others")]
    [InlineData(new[] { 0.3f, 0.1f, 0.2f, 0.2f, 0.1f, 0.1f }, SafetyCategory.CheckIn, "model.check-in")]
    [InlineData(new[] { 0.5f, 0.1f, 0.1f, 0.1f, 0.1f, 0.1f }, SafetyCategory.None, null)]
    public void Crisis_probability_above_each_threshold_adds_that_much_caution(float[] probabilities, SafetyCategory expected, string? ruleId)
    {
        var result = Policy.Apply(ScreenResult.None, probabilities);
        Assert.Equal(expected, result.Category);
        Assert.Equal(ruleId, result.RuleId);
        Assert.Equal(expected != SafetyCategory.None, result.Uncertain);
    }

    [Fact]
    public void A_rule_check_in_is_kept_below_the_crisis_threshold_and_raised_above_it()
    {
        var ruleCheckIn = new ScreenResult(SafetyCategory.CheckIn, Uncertain: false, "abuse.control-sign");
        Assert.Equal(ruleCheckIn, Policy.Apply(ruleCheckIn, [0.4f, 0f, 0f, 0.6f, 0f, 0f]));
        Assert.Equal(new ScreenResult(SafetyCategory.Abuse, true, "model.abuse"), Policy.Apply(ruleCheckIn, [0.2f, 0f, 0f, 0.8f, 0f, 0f]));
    }

    [Fact]
    public void A_rule_crisis_is_final_whatever_the_model_says()
    {
        var ruleCrisis = new ScreenResult(SafetyCategory.Abuse, Uncertain: false, "abuse.physical");
        Assert.Equal(ruleCrisis, Policy.Apply(ruleCrisis, [0f, 0f, 0f, 0f, 1f, 0f]));
        Assert.Equal(ruleCrisis, Policy.Apply(ruleCrisis, [1f, 0f, 0f, 0f, 0f, 0f]));
    }

    // ------------------------------------------------------------------ data

    [Fact]
    public void Thresholds_come_from_classifier_yaml()
    {
        using var root = ContentRootWith(WithThresholds(crisis: "1", checkIn: "1"));
        var screener = CrisisScreener.Load(root.Path);
        Assert.Equal(new SecondOpinionPolicy(1f, 1f), screener.ModelPolicy);
        Assert.Equal(screener.ScreenRulesOnly(ModelOnlyCrisis), screener.Screen(ModelOnlyCrisis));
        Assert.True(Screener.Screen(ModelOnlyCrisis).IsCrisis);
    }

    [Fact]
    public void A_check_in_threshold_above_the_crisis_threshold_stops_loading_at_its_line()
    {
        using var root = ContentRootWith(WithThresholds(crisis: "0.6", checkIn: "0.9"));
        var error = Assert.Throws<ContentException>(() => CrisisScreener.Load(root.Path));
        Assert.Equal(CrisisScreener.ClassifierRelativePath, error.File);
        Assert.Contains("check_in must not be above crisis", error.Message);
        Assert.True(error.Line > 1);
    }

    [Fact]
    public void A_broken_line_in_the_labelled_set_stops_loading_with_its_line()
    {
        using var root = ContentRootWith(ClassifierYaml());
        File.AppendAllText(Path.Combine(root.Path, "safety", "labelled-messages.tsv"), "sad-ish\tnot a known label\n");
        var error = Assert.Throws<ContentException>(() => CrisisScreener.Load(root.Path));
        Assert.Contains("labelled-messages.tsv", error.File);
        Assert.Equal(File.ReadAllLines(Path.Combine(root.Path, "safety", "labelled-messages.tsv")).Length, error.Line);
    }

    [Fact]
    public void Without_classifier_yaml_the_screener_runs_on_rules_alone()
    {
        using var root = new TempContentRoot();
        File.Copy(Path.Combine(RepoPaths.ContentRoot, CrisisScreener.RelativePath), Path.Combine(root.Path, CrisisScreener.RelativePath));
        var screener = CrisisScreener.Load(root.Path);
        Assert.False(screener.HasModel);
        Assert.False(screener.Screen(ModelOnlyCrisis).IsCrisis);
    }

    // ------------------------------------------------------------------ generalisation

    /// <summary>
    /// 5-fold stratified cross-validation with the shipped settings and a fixed seed: every message is judged by a
    /// model that never saw it. A data change that wrecks generalisation (or the false-alarm rate) fails here.
    /// Figures at the time of writing: model alone catches 64.9% of crisis messages it never saw; rules + model
    /// false alarms 4.8% and check-ins 7.2% on none.
    /// </summary>
    [Fact]
    public void Cross_validated_figures_stay_within_their_bounds()
    {
        var settings = CrisisScreener.ReadClassifierSettings(ContentNode.Load(Path.Combine(RepoPaths.ContentRoot, CrisisScreener.ClassifierRelativePath), "classifier.yaml"));
        var cv = ClassifierCrossValidation.Run(Screener, Set(), settings.Training, settings.MinWords, folds: 5, seed: 7);
        var figures = cv.Score(settings.Policy);
        Assert.True(figures.ModelAloneRecall >= 0.60, figures.ToString());
        Assert.True(figures.FalseAlarmRate <= 0.05, figures.ToString());
        Assert.True(figures.CheckInRateOnNone <= 0.10, figures.ToString());
    }

    // ------------------------------------------------------------------ the whole bot

    [Fact]
    public async Task A_crisis_only_the_model_catches_gets_the_full_crisis_reply()
    {
        var category = Screener.Screen(ModelOnlyCrisis).Category.WireName();
        using var host = new BotTestHost();
        await host.Flow()
            .StartAtMenu()
            .Send(ModelOnlyCrisis)
            .AssertCrisisReply(category)
            .AssertNoReply("nothing else follows the crisis reply")
            .StartTestAsync();
    }

    private static string WithThresholds(string crisis, string checkIn) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(ClassifierYaml(), @"(?m)^  crisis: .*$", "  crisis: " + crisis),
            @"(?m)^  check_in: .*$",
            "  check_in: " + checkIn);

    private static string ClassifierYaml() => File.ReadAllText(Path.Combine(RepoPaths.ContentRoot, CrisisScreener.ClassifierRelativePath));

    private static TempContentRoot ContentRootWith(string classifierYaml)
    {
        var root = new TempContentRoot();
        foreach (var file in new[] { CrisisScreener.RelativePath, "safety/labelled-messages.tsv" })
        {
            File.Copy(Path.Combine(RepoPaths.ContentRoot, file), Path.Combine(root.Path, file));
        }

        root.Write(CrisisScreener.ClassifierRelativePath, classifierYaml);
        return root;
    }
}
