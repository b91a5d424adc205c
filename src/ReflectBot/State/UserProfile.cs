using System.Text.Json.Serialization;
using ReflectBot.Framework.Dialogs;
using ReflectBot.Framework.State;

namespace ReflectBot.State;

/// <summary>What ReflectBot keeps about one user: kept small on purpose (see the privacy section of the README).</summary>
public sealed class UserProfile
{
    /// <summary>The one-time disclaimer has been shown.</summary>
    public bool Welcomed { get; set; }

    public DateTimeOffset? FirstSeen { get; set; }

    public DateTimeOffset? LastSeen { get; set; }

    /// <summary>Storage keys of every conversation this user had, so "delete my data" can remove them all.</summary>
    public List<string> ConversationKeys { get; set; } = [];

    /// <summary>Saved statements, plans and rehearsal scorecards.</summary>
    public Toolkit Toolkit { get; set; } = new();

    /// <summary>Rehearsal coaching tips on or off.</summary>
    public bool CoachingOff { get; set; }

    /// <summary>How many gentle check-ins the user has had; repeated ones lead to the therapy offer.</summary>
    public int CheckIns { get; set; }
}

/// <summary>The user's saved work, shown by "my toolkit".</summary>
public sealed class Toolkit
{
    public List<SavedStatement> Statements { get; set; } = [];

    public List<SavedPlan> Plans { get; set; } = [];

    public List<SavedScorecard> Scorecards { get; set; } = [];

    public bool IsEmpty => Statements.Count == 0 && Plans.Count == 0 && Scorecards.Count == 0;
}

/// <summary>An "I feel" statement built in the reframe conversation.</summary>
public sealed class SavedStatement
{
    public string Observation { get; set; } = "";
    public string Feeling { get; set; } = "";
    public string Need { get; set; } = "";
    public string Request { get; set; } = "";
    public string Text { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
}

public sealed class SavedPlan
{
    public List<PlanStep> Steps { get; set; } = [];
    public DateTimeOffset SavedAt { get; set; }
}

public sealed class PlanStep
{
    /// <summary>Key of the strategy picked from the content.</summary>
    public string Strategy { get; set; } = "";
    public string What { get; set; } = "";
    public string When { get; set; } = "";

    /// <summary>The recognised date or time, when the "when" could be read as one.</summary>
    public DateTimeOffset? WhenResolved { get; set; }
    public string Obstacle { get; set; } = "";
}

public sealed class SavedScorecard
{
    public string Topic { get; set; } = "";
    public string PartnerStyle { get; set; } = "";
    public int Lines { get; set; }
    public int IStatements { get; set; }
    public int Blame { get; set; }
    public int Requests { get; set; }
    public string StrongestLine { get; set; } = "";
    public string TryNext { get; set; } = "";
    public DateTimeOffset SavedAt { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(UserProfile))]
public sealed partial class BotStateJson : JsonSerializerContext;

/// <summary>The bot's state objects and property accessors, made once and shared by the bot and its dialogs.</summary>
public sealed class ReflectBotState(ConversationState conversationState, UserState userState)
{
    public ConversationState ConversationState { get; } = conversationState;

    public UserState UserState { get; } = userState;

    public IStatePropertyAccessor<DialogState> DialogState { get; } =
        conversationState.CreateProperty<DialogState>("dialogState");

    public IStatePropertyAccessor<UserProfile> Profile { get; } =
        userState.CreateProperty<UserProfile>("profile");

    /// <summary>Saves both states; called once at the end of every turn.</summary>
    public async Task SaveAsync(Framework.Builder.ITurnContext turnContext, CancellationToken cancellationToken)
    {
        await ConversationState.SaveChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
        await UserState.SaveChangesAsync(turnContext, false, cancellationToken).ConfigureAwait(false);
    }
}
