namespace ReflectBot.Journeys.Reframe.Analysis;

/// <summary>
/// What a piece of the user's message does to a listener. Each kind is configured in
/// dialogs/{locale}/analyzer/findings.yaml under its kebab-case name ("thought-as-feeling").
/// </summary>
public enum FindingKind
{
    // Things that make a partner defend rather than listen.

    /// <summary>A clause that starts with "you"/"your": the spotlight is on the partner.</summary>
    YouStatement,

    /// <summary>"you never", "you make me", "why can't you", "it's your fault", "you don't care".</summary>
    Blame,

    /// <summary>always, never, every time, nothing, everything, constantly.</summary>
    Absolute,

    /// <summary>"I feel that you…", "I feel like…": a thought dressed as a feeling.</summary>
    ThoughtAsFeeling,

    /// <summary>Words that say what the other did (ignored, abandoned, used) rather than what is felt.</summary>
    FauxFeeling,

    /// <summary>"you need to", "you must", "stop …ing", imperatives.</summary>
    Demand,

    /// <summary>Insults and labels: "you're so selfish", "idiot".</summary>
    NameCalling,

    /// <summary>Sarcasm and scorn: "oh great, thanks a lot", "whatever", 🙄.</summary>
    Contempt,

    /// <summary>A harsh start-up: character criticism ("being so cold"), piling up ("and another thing").</summary>
    Harsh,

    /// <summary>A wish nobody can act on: "be more loving", "care more".</summary>
    VagueRequest,

    // Things that help a partner hear.

    /// <summary>"I feel", "I'm", "I've been".</summary>
    IStatement,

    /// <summary>A feeling from the feelings list, said as one's own: "I feel lonely".</summary>
    RealFeeling,

    /// <summary>"because closeness matters to me", "I need", "I'd like", "it's important to me".</summary>
    Need,

    /// <summary>"could we … after dinner", "would you be willing to text me": an ask with something to do.</summary>
    ConcreteRequest,

    /// <summary>"I appreciate", "thank you for", "I love that you".</summary>
    Appreciation,
}

public static class FindingKinds
{
    /// <summary>Kinds that help: they raise warmth in the rehearsal and are praised in the reframe.</summary>
    public static bool IsPositive(this FindingKind kind) =>
        kind is FindingKind.IStatement or FindingKind.RealFeeling or FindingKind.Need or FindingKind.ConcreteRequest or FindingKind.Appreciation;

    public static bool IsNegative(this FindingKind kind) => !kind.IsPositive();

    /// <summary>The name used in the lexicon files: YouStatement → you-statement.</summary>
    public static string ContentName(this FindingKind kind)
    {
        var name = kind.ToString();
        var chars = new System.Text.StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                chars.Append('-');
            }

            chars.Append(char.ToLowerInvariant(name[i]));
        }

        return chars.ToString();
    }
}
