using Microsoft.Extensions.DependencyInjection;
using ReflectBot.Bots;
using ReflectBot.Framework.Builder;
using ReflectBot.Journeys.Conversation;
using ReflectBot.Journeys.Referral;
using ReflectBot.Journeys.Toolkit;
using ReflectBot.Privacy;
using ReflectBot.Safety;
using ReflectBot.Tests.Safety;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Dialogs;

/// <summary>The order BotPipeline lists is the order a turn runs in, whatever order services were registered in.</summary>
public class BotPipelineTests
{
    [Fact]
    public void Interruptions_run_crisis_first_then_delete_my_data_therapist_global_commands_journey_commands_and_understanding()
    {
        using var host = new BotTestHost();

        Assert.Equal(
            [typeof(CrisisInterruption), typeof(DeleteMyDataInterruption), typeof(TherapistRequestInterruption), typeof(GlobalCommands), typeof(MyToolkitCommand), typeof(UnderstandingInterruption)],
            host.Get<BotPipeline>().Interruptions.Select(i => i.GetType()));
    }

    [Fact]
    public async Task A_channel_middleware_registered_before_the_bot_still_runs_after_crisis_screening()
    {
        ScreenResult? seen = null;
        var channel = new AnonymousMiddleware(async (turn, next, ct) =>
        {
            seen = SafetyTurn.Verdict(turn);
            await next(ct);
        });
        using var host = new BotTestHost(configureServices: s =>
        {
            // Put first among the registrations: registration order no longer decides.
            s.Insert(0, ServiceDescriptor.Singleton<IMiddleware>(channel));
        });

        await host.Flow()
            .Send("someone is breaking in")
            .AssertCrisisReply("emergency", "911")
            .StartTestAsync();

        Assert.Equal(SafetyCategory.Emergency, seen?.Category);
    }
}
