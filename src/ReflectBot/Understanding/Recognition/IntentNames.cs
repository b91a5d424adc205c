namespace ReflectBot.Understanding.Recognition;

/// <summary>
/// The intents the bot acts on, by their names in <c>intents.yaml</c>. Counsellors add phrasings to these; a new
/// intent needs code that acts on it, so the file may hold only these names.
/// </summary>
public static class IntentNames
{
    public const string Greeting = "greeting";
    public const string Thanks = "thanks";
    public const string Goodbye = "goodbye";
    public const string DontKnow = "dont_know";
    public const string Frustration = "frustration";
    public const string Capabilities = "capabilities";
    public const string Help = "help";
    public const string Privacy = "privacy";
    public const string GoBack = "go_back";
    public const string Cancel = "cancel";
    public const string StartOver = "start_over";
    public const string Menu = "menu";
    public const string StartSigns = "start_signs";
    public const string StartReframe = "start_reframe";
    public const string StartPlan = "start_plan";
    public const string StartRehearse = "start_rehearse";
    public const string FindTherapist = "find_therapist";
    public const string StartLearn = "start_learn";
    public const string LearnQuestion = "learn_question";
    public const string ShareSituation = "share_situation";
    public const string MyToolkit = "my_toolkit";
    public const string DeleteMyData = "delete_my_data";
    public const string Affirm = "affirm";
    public const string Deny = "deny";

    /// <summary>Out of scope: the bot says honestly that it can't help with that.</summary>
    public const string None = "none";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Greeting, Thanks, Goodbye, DontKnow, Frustration, Capabilities, Help, Privacy, GoBack, Cancel, StartOver, Menu,
        StartSigns, StartReframe, StartPlan, StartRehearse, FindTherapist, StartLearn, LearnQuestion, ShareSituation,
        MyToolkit, DeleteMyData, Affirm, Deny, None,
    };
}
