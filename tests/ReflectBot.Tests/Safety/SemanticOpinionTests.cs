using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Content;
using ReflectBot.Framework.Builder;
using ReflectBot.Safety;
using ReflectBot.Safety.Model;
using ReflectBot.Safety.Semantic;
using ReflectBot.Tests.Support;
using ReflectBot.Tests.Understanding;
using ReflectBot.Understanding.Embeddings;

namespace ReflectBot.Tests.Safety;

/// <summary>Loads the shipped screener and its semantic opinion once for these tests.</summary>
public sealed class SemanticFixture
{
    public SemanticFixture()
    {
        Screener = CrisisScreener.Load(RepoPaths.ContentRoot);
        Opinion = SemanticOpinion.Load(RepoPaths.ContentRoot, SharedEmbedder.Instance, Screener);
    }

    public CrisisScreener Screener { get; }

    public SemanticOpinion Opinion { get; }
}

/// <summary>
/// The semantic opinion (dialogs/safety/semantic.yaml): a classifier on sentence embeddings beside the rules and the
/// n-gram model. It only adds caution, decides the same way on the same data, runs the model only when the cheap
/// checks leave a message open, and the bot still screens with rules when the model is gone.
/// </summary>
public sealed class SemanticOpinionTests(SemanticFixture fixture) : IClassFixture<SemanticFixture>
{
    private CrisisScreener Screener => fixture.Screener;

    private SemanticOpinion Opinion => fixture.Opinion;

    [Fact]
    public void The_shipped_opinion_is_active_and_trained_on_the_labelled_set()
    {
        Assert.True(Opinion.IsActive);
        Assert.Equal(SemanticOpinion.ReadTrainingSet(RepoPaths.ContentRoot).Count, Opinion.TrainingMessages);
    }

    [Fact]
    public void The_vector_file_holds_every_labelled_message_for_the_shipped_model()
    {
        // Fails after the labelled set changes until the file is rebuilt:
        // dotnet run -c Release --project bench/ScreenerBench -- --refresh-vectors
        var vectors = LabelledVectors.Read(SemanticOpinion.VectorsPath(RepoPaths.ContentRoot), SharedEmbedder.Instance);
        Assert.Equal(OnnxSentenceEmbedder.PackagedModelId, vectors.ModelId);
        var missing = SemanticOpinion.ReadTrainingSet(RepoPaths.ContentRoot).Where(m => !vectors.Contains(m.Text)).Select(m => m.Text).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} labelled messages have no vector (run ScreenerBench --refresh-vectors), e.g. '{missing.FirstOrDefault()}'");
        Assert.Equal(Opinion.TrainingMessages, vectors.Count);
    }

    [Fact]
    public void It_never_lowers_or_changes_a_rule_verdict_and_only_ever_adds_caution()
    {
        foreach (var message in SemanticOpinion.ReadTrainingSet(RepoPaths.ContentRoot))
        {
            var rules = Screener.ScreenRulesOnly(message.Text);
            var full = Opinion.Screen(Screener, message.Text);
            if (rules.IsCrisis)
            {
                Assert.Equal(rules, full);
                continue;
            }

            Assert.True(full.Category.Severity() >= rules.Category.Severity(), $"'{message.Text}': rules {rules}, with the semantic opinion {full}");
            if (full != rules)
            {
                Assert.True(full.Uncertain, $"a learned verdict is always uncertain: {full}");
                Assert.StartsWith("semantic.", full.RuleId);
            }
        }
    }

    [Theory]
    [InlineData("I want to give up sugar")]
    [InlineData("sometimes I wish he would just hug me")]
    [InlineData("How do I get my husband to listen to me?")]
    [InlineData("Why do my boyfriend and I have such trouble communicating?")]
    public void Everyday_words_that_sound_like_risk_do_not_get_the_crisis_reply(string text)
    {
        Assert.False(Opinion.Screen(Screener, text).IsCrisis);
    }

    [Fact]
    public void Same_vectors_and_settings_give_the_same_classifier()
    {
        var set = SemanticOpinion.ReadTrainingSet(RepoPaths.ContentRoot).Take(300).ToList();
        var vectors = LabelledVectors.Read(SemanticOpinion.VectorsPath(RepoPaths.ContentRoot), SharedEmbedder.Instance)
            .Resolve([.. set.Select(m => m.Text)], SharedEmbedder.Instance, out _);
        var labels = set.Select(m => (int)m.Label).ToArray();
        var options = new SemanticTraining(10, 0.05, 0.03, 7);
        var first = SemanticClassifier.Train(vectors, labels, options);
        var second = SemanticClassifier.Train(vectors, labels, options);
        var probe = SharedEmbedder.Instance.Embed("I keep thinking everyone would be better off without me");
        Span<float> a = stackalloc float[SemanticClassifier.Classes];
        Span<float> b = stackalloc float[SemanticClassifier.Classes];
        first.Probabilities(probe, a);
        second.Probabilities(probe, b);
        Assert.True(a.SequenceEqual(b));
    }

    [Fact]
    public void Classifying_a_vector_allocates_nothing()
    {
        var vector = SharedEmbedder.Instance.Embed("we argued again about his phone");
        Span<float> probabilities = stackalloc float[SemanticClassifier.Classes];
        Opinion.Classifier.Probabilities(vector, probabilities);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Opinion.Classifier.Probabilities(vector, probabilities);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_message_without_a_vector_is_judged_by_the_ngram_policy_as_before()
    {
        // The opinion is active but this turn's model is gone: the review falls back to the n-gram model's thresholds.
        const string text = "my husband made me hand over my wages and checks my receipts every night";
        var withoutVector = Opinion.Screen(Screener, text, TurnEmbedding.ForText(text, UnavailableEmbedder.Instance), out _);
        Assert.Equal(Screener.Screen(text), withoutVector);
    }

    [Theory]
    [InlineData(0.3f, 0.3f, SafetyCategory.None, null)]
    [InlineData(0.6f, 0.5f, SafetyCategory.CheckIn, "semantic.check-in")]
    [InlineData(0.9f, 0.8f, SafetyCategory.SelfHarm, "semantic.self-harm")]
    public void The_mixed_crisis_probability_decides_against_the_thresholds(float semanticSelfHarm, float ngramSelfHarm, SafetyCategory expected, string? ruleId)
    {
        var policy = new SemanticPolicy(0.6f, 0.80f, 0.50f);
        float[] semantic = [1 - semanticSelfHarm, 0, semanticSelfHarm, 0, 0, 0];
        float[] ngram = [1 - ngramSelfHarm, 0, ngramSelfHarm, 0, 0, 0];
        var mixed = new float[SemanticClassifier.Classes];
        policy.Mix(semantic, ngram, mixed);
        var result = policy.Apply(ScreenResult.None, mixed);
        Assert.Equal(expected, result.Category);
        Assert.Equal(ruleId, result.RuleId);
    }

    [Fact]
    public void Settings_with_a_check_in_threshold_above_the_crisis_threshold_stop_loading_at_their_line()
    {
        var root = ContentNode.Parse(
            "training_sets: [labelled-messages.tsv]\nvectors: v.bin\nepochs: 5\nlearning_rate: 0.05\nl2: 0.01\nseed: 1\nsemantic_weight: 0.5\nthresholds:\n  crisis: 0.5\n  check_in: 0.7\n",
            "semantic.yaml");
        var error = Assert.Throws<ContentException>(() => SemanticOpinion.ReadSettings(root));
        Assert.Equal(10, error.Line);
    }

    [Fact]
    public void Cross_validated_figures_stay_within_their_bounds()
    {
        // 5-fold CV of both learned opinions with the shipped settings (see semantic.yaml for how they were chosen).
        var set = SemanticOpinion.ReadTrainingSet(RepoPaths.ContentRoot);
        var vectors = LabelledVectors.Read(SemanticOpinion.VectorsPath(RepoPaths.ContentRoot), SharedEmbedder.Instance)
            .Resolve([.. set.Select(m => m.Text)], SharedEmbedder.Instance, out _);
        var cv = SemanticCrossValidation.Run(
            Screener, set, vectors, new TrainingOptions(ModelKind.Logistic, 18, 20, 0.5, 1e-5, 20261123), new SemanticTraining(30, 0.05, 0.03, 20261205), 3, 5, 7);
        var policy = Opinion.Policy;
        var mixed = new float[SemanticClassifier.Classes];
        int crisis = 0, caught = 0, none = 0, alarms = 0, checkIns = 0;
        foreach (var m in cv.Messages)
        {
            var verdict = m.Rules;
            if (m.MaySpeak)
            {
                policy.Mix(m.Semantic, m.Ngram, mixed);
                verdict = policy.Apply(m.Rules, mixed);
            }

            if (m.Message.ReplyClass.IsCrisis())
            {
                crisis++;
                caught += verdict.IsCrisis ? 1 : 0;
            }
            else if (m.Message.Label == SafetyCategory.None)
            {
                none++;
                alarms += verdict.IsCrisis ? 1 : 0;
                checkIns += verdict.Category == SafetyCategory.CheckIn ? 1 : 0;
            }
        }

        // Shipped: about 76% caught (89% of English, 8% of the other languages, which the rules do not read yet),
        // 2.4% false alarms and 8.9% check-ins on none. The rules have seen labelled-messages.tsv but not training/.
        Assert.True((double)caught / crisis >= 0.72, $"caught {caught}/{crisis}");
        Assert.True((double)alarms / none <= 0.03, $"false alarms {alarms}/{none}");
        Assert.True((double)checkIns / none <= 0.10, $"check-ins on none {checkIns}/{none}");
    }
}

/// <summary>The semantic opinion inside the whole bot: one model run per turn, and rules that go on without the model.</summary>
public sealed class SemanticOpinionBotTests
{
    [Fact]
    public async Task A_free_text_message_is_embedded_once_however_many_features_read_it()
    {
        var counting = new CountingEmbedder(SharedEmbedder.Instance);
        var reader = new SecondReader();
        using var host = new BotTestHost(configureServices: s => s.AddSingleton<ISentenceEmbedder>(counting));
        host.Adapter.Use(reader);

        // Not a crisis, but worded closely enough to the risk messages that the n-gram model cannot settle it alone.
        await host.Flow().Send("I just want the arguing to stop").StartTestAsync();

        Assert.Equal(1, counting.Calls);
        Assert.True(reader.SawVector);
        Assert.Equal(1, reader.ModelRuns);
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("Sunday evening")]
    [InlineData("I want to kill myself")]
    [InlineData("I don't want to die")]
    [InlineData("Plan next steps")]
    [InlineData("we keep arguing about whose turn it is to cook")]
    [InlineData("could we put our phones away at dinner")]
    public async Task Messages_the_cheap_checks_settle_never_run_the_model(string text)
    {
        var counting = new CountingEmbedder(SharedEmbedder.Instance);
        using var host = new BotTestHost(configureServices: s => s.AddSingleton<ISentenceEmbedder>(counting));

        await host.Flow().Send(text).StartTestAsync();

        Assert.Equal(0, counting.Calls);
    }

    [Fact]
    public async Task Without_the_model_the_rules_still_screen_and_the_log_says_so_loudly()
    {
        using var host = new BotTestHost(settings: new Dictionary<string, string?>
        {
            ["ReflectBot:Embeddings:ModelPath"] = Path.Combine(Path.GetTempPath(), "reflectbot-missing-model.onnx"),
        });

        Assert.False(host.Get<SemanticOpinion>().IsActive);
        Assert.Contains(host.Logs.Lines, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains("SENTENCE EMBEDDING MODEL NOT LOADED"));
        await host.Flow()
            .Send("I want to kill myself")
            .AssertCrisisReply("self-harm", "988")
            .StartTestAsync();
    }

    /// <summary>Wraps the real embedder and counts model runs.</summary>
    private sealed class CountingEmbedder(ISentenceEmbedder inner) : ISentenceEmbedder
    {
        private int _calls;

        public int Calls => _calls;

        public bool IsAvailable => inner.IsAvailable;

        public int Dimensions => inner.Dimensions;

        public string ModelId => inner.ModelId;

        public void Embed(ReadOnlySpan<char> text, ReadOnlySpan<Range> parts, Span<float> destination)
        {
            Interlocked.Increment(ref _calls);
            inner.Embed(text, parts, destination);
        }
    }

    /// <summary>Stands for the recognizer: a later step that reads the turn's embedding (the holder safety made).</summary>
    private sealed class SecondReader : IMiddleware
    {
        public bool SawVector { get; private set; }

        public int ModelRuns { get; private set; }

        public async Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
        {
            var embedding = TurnEmbedding.For(turnContext, UnavailableEmbedder.Instance);
            SawVector = embedding.TryGetVector(out _);
            ModelRuns = embedding.ModelRuns;
            await next(cancellationToken);
        }
    }
}
