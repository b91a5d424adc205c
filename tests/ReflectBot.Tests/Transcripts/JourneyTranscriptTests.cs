using ReflectBot.Framework.Builder;
using ReflectBot.Tests.Journey.Support;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Transcripts;

/// <summary>
/// A whole journey, signs → reframe → plan → toolkit, recorded from a real run of the bot and replayed against it.
/// To record it again after a deliberate change in wording: set REFLECTBOT_RECORD_TRANSCRIPTS=1, run this test,
/// read the new file for tone, and commit it.
/// </summary>
public class JourneyTranscriptTests
{
    private static readonly string TranscriptPath = Path.Combine(RepoPaths.Root, "tests", "ReflectBot.Tests", "Transcripts", "journey.transcript");

    /// <summary>What the person types, start to end; nothing is clicked.</summary>
    internal static readonly string[] Journey =
    [
        "hi",
        "recognise the signs",
        "my partner",
        "yes", "sometimes", "no", "a bit", "not really", "no", "yes", "yes", "no", "no",
        "years",
        "we talked, nothing changed",
        "6",
        "I'd rather not say",
        "put it into words",
        "You never put your phone down when I'm talking to you",
        "when I tell you about my day and you look at your phone",
        "ignored",
        "lonely",
        "connection",
        "stop being so distant",
        "could we put our phones away at dinner",
        "save it",
        "plan a next step",
        "check ins",
        "ten minutes after dinner to ask how our days were",
        "Sunday evening",
        "we might both be tired",
        "no thanks",
        "my toolkit",
    ];

    private static BotTestHost NewHost() => new(configureServices: FixedClock.On(FixedClock.Wednesday));

    [Fact]
    public async Task The_recorded_journey_replays_against_the_bot()
    {
        if (Environment.GetEnvironmentVariable("REFLECTBOT_RECORD_TRANSCRIPTS") == "1")
        {
            await RecordAsync();
        }

        using var host = NewHost();
        await TranscriptReplay.ReplayAsync(TranscriptPath, host.Adapter, host.Bot);

        // The journey is only complete if the file covers it: signs, reframe, plan and the toolkit.
        var transcript = await TranscriptFile.ReadAsync(TranscriptPath);
        var said = transcript.Where(a => a.From?.Role == "bot").Select(a => a.Text ?? "").ToList();
        Assert.Contains(said, t => t.StartsWith("You notice 5 of the 10 signs in your partner", StringComparison.Ordinal));
        Assert.Contains(said, t => t.Contains("I feel lonely when I tell you about my day and you look at your phone, because I need connection.", StringComparison.Ordinal));
        Assert.Contains(said, t => t.StartsWith("I've saved this plan to your toolkit.", StringComparison.Ordinal));
        Assert.Contains(said, t => t.StartsWith("Here's what you've saved.", StringComparison.Ordinal));
    }

    private static async Task RecordAsync()
    {
        using var host = NewHost();
        var recorder = new TranscriptRecorder();
        host.Adapter.Use(new TranscriptLoggerMiddleware(recorder));
        var flow = host.Flow();
        foreach (var message in Journey)
        {
            flow = flow.Send(message).Then(() =>
            {
                while (host.Adapter.GetNextReply() is not null)
                {
                }

                return Task.CompletedTask;
            });
        }

        await flow.StartTestAsync();
        await recorder.WriteAsync(TranscriptPath);
    }
}
