using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ReflectBot.Bots;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.Dialogs.Prompts;

namespace ReflectBot.Web.Tests.Scale;

/// <summary>
/// A one-question branch behind the "signs" menu entry, whatever branches ship: asks, then notes the answer.
/// Scale-out tests use it to see a conversation carry on across instances without depending on real wording.
/// </summary>
internal sealed class TestBranch : ComponentDialog
{
    public const string Question = "What do you notice first?";
    public const string Noted = "Noted: ";

    public TestBranch()
        : base("test-signs")
    {
        AddDialog(new TextPrompt("test-answer"));
        AddDialog(new WaterfallDialog("test-steps")
            .AddStep((step, ct) => step.PromptAsync("test-answer", new PromptOptions { Prompt = MessageFactory.Text(Question) }, ct))
            .AddStep(async (step, ct) =>
            {
                await step.Context.SendActivityAsync(Noted + step.Result, cancellationToken: ct);
                return await step.EndDialogAsync(null, ct);
            }));
        InitialDialogId = "test-steps";
    }

    /// <summary>Puts the test branch in place of every menu branch.</summary>
    public static void ReplaceBranches(IServiceCollection services)
    {
        services.RemoveAll<IMenuBranch>();
        services.AddSingleton<IMenuBranch>(new MenuBranch("signs", new TestBranch()));
    }
}
