namespace ReflectBot.Understanding.Recognition;

/// <summary>
/// The details a first sentence gives, so the journeys need not ask again (keys are the journeys' own choice keys).
/// <see cref="TopicWords"/> holds the person's own words for a rehearsal topic that fits none of the listed ones
/// (<see cref="Topic"/> is then <c>own</c>); <see cref="Suggest"/> lists, for a plan <see cref="Goal"/>, the strategies
/// to offer first.
/// </summary>
public sealed record MessageEntities(
    string? Who = null,
    string? Topic = null,
    string? TopicWords = null,
    string? Step = null,
    string? Goal = null,
    IReadOnlyList<string>? Suggest = null)
{
    public static MessageEntities None { get; } = new();

    public bool IsEmpty => Who is null && Topic is null && Step is null && Goal is null;
}

/// <summary>
/// Picks whose behaviour, the rehearsal topic, a plan step and a plan goal out of a message, from the phrase lists in
/// intents.yaml. Whose behaviour: the writer's own when a self phrase is there ("I'm the one who pulls away", "I always
/// go quiet"), else the partner when one is named, else someone else named; he/she/they count as the partner only when
/// the message is about the person's own situation and names no one.
/// </summary>
public sealed class EntityExtractor
{
    public const string Partner = "partner";
    public const string Self = "self";
    public const string Other = "other";
    public const string OwnTopic = "own";

    // Words between "I" and what the person does, dropped so "I always go quiet" reads as the phrase "I go quiet".
    private static readonly HashSet<string> Fillers = new(StringComparer.Ordinal)
    {
        "always", "often", "usually", "just", "really", "sometimes", "tend", "to", "kind", "of", "kinda", "probably",
        "definitely", "actually", "still", "also", "constantly", "generally", "normally", "then",
    };

    // Where a rehearsal's own topic starts: "practise telling my husband | I want to move back home".
    private static readonly HashSet<string> SayingVerbs = new(StringComparer.Ordinal)
    {
        "telling", "tell", "asking", "ask", "saying", "say", "bringing", "bring", "raising", "raise", "explaining", "explain",
    };

    private static readonly HashSet<string> Joiners = new(StringComparer.Ordinal) { "about", "that", "up", "to", "for", "me", "if", "whether" };

    private static readonly HashSet<string> WhoIntents = new(StringComparer.Ordinal)
    {
        IntentNames.StartSigns, IntentNames.ShareSituation, IntentNames.StartReframe, IntentNames.StartRehearse, IntentNames.StartPlan,
    };

    private readonly PhraseMatcher<string> _who;
    private readonly HashSet<string> _pronouns;
    private readonly PhraseMatcher<string> _topic;
    private readonly PhraseMatcher<string> _step;
    private readonly PhraseMatcher<EntityValue> _goal;

    public EntityExtractor(IntentsContent content)
    {
        _who = new PhraseMatcher<string>(content.Who.SelectMany(v => v.Phrases.Select(p => (p, v.Key))));
        _pronouns = content.Who.Where(v => v.Key == Partner).SelectMany(v => v.Pronouns).ToHashSet(StringComparer.Ordinal);
        _topic = new PhraseMatcher<string>(content.Topic.SelectMany(v => v.Phrases.Select(p => (p, v.Key))));
        _step = new PhraseMatcher<string>(content.Step.SelectMany(v => v.Phrases.Select(p => (p, v.Key))));
        _goal = new PhraseMatcher<EntityValue>(content.Goal.SelectMany(v => v.Phrases.Select(p => (p, v))));
    }

    /// <summary>The entities of <paramref name="text"/>, read as <paramref name="intent"/> (who and topics only where they mean something).</summary>
    public MessageEntities Extract(string? text, string intent)
    {
        var words = ReadAsFirstPerson(PhraseMatcher<string>.Tokens(text));
        if (words.Count == 0)
        {
            return MessageEntities.None;
        }

        var who = Who(words, intent);
        string? topic = null;
        string? topicWords = null;
        if (intent == IntentNames.StartRehearse)
        {
            topic = _topic.FindAll(words).Select(m => m.Value).FirstOrDefault();
            if (topic is null && OwnWords(words) is { } own)
            {
                (topic, topicWords) = (OwnTopic, own);
            }
        }

        string? step = null;
        EntityValue? goal = null;
        if (intent == IntentNames.StartPlan)
        {
            goal = _goal.FindAll(words).Select(m => m.Value).FirstOrDefault();
            step = _step.FindAll(words).Select(m => m.Value).FirstOrDefault();
        }

        return new MessageEntities(who, topic, topicWords, step, goal?.Key, goal?.Suggest);
    }

    private string? Who(List<string> words, string intent)
    {
        var named = _who.FindAll(words).Select(m => m.Value).ToList();
        if (named.Contains(Self))
        {
            return Self;
        }

        if (named.Contains(Partner))
        {
            return Partner;
        }

        if (named.Contains(Other))
        {
            return Other;
        }

        return WhoIntents.Contains(intent) && words.Any(_pronouns.Contains) ? Partner : null;
    }

    /// <summary>The person's own words for what to practise, after "telling / asking / saying" and whom.</summary>
    private string? OwnWords(List<string> words)
    {
        var verb = words.FindIndex(SayingVerbs.Contains);
        if (verb < 0)
        {
            return null;
        }

        var start = verb + 1;
        var whom = _who.FindAll(words.GetRange(start, words.Count - start));
        if (whom.Count > 0 && whom[0].Start == 0)
        {
            start += whom[0].Length;
        }
        else if (start < words.Count && (_pronouns.Contains(words[start]) || words[start] == "them"))
        {
            start++;
        }

        while (start < words.Count && Joiners.Contains(words[start]))
        {
            start++;
        }

        return words.Count - start >= 2 ? string.Join(' ', words.Skip(start)) : null;
    }

    /// <summary>"I am" and "I was" read as "I'm", and filler words after "I" are dropped, so self phrases match more ways of saying them.</summary>
    private static List<string> ReadAsFirstPerson(string[] tokens)
    {
        var words = new List<string>(tokens.Length);
        for (var i = 0; i < tokens.Length; i++)
        {
            var word = tokens[i];
            if (word == "i" && i + 1 < tokens.Length && tokens[i + 1] is "am" or "was")
            {
                words.Add("i'm");
                i++;
                continue;
            }

            words.Add(word);
            if (word is "i" or "i'm" or "im")
            {
                while (i + 1 < tokens.Length && Fillers.Contains(tokens[i + 1]))
                {
                    i++;
                }
            }
        }

        return words;
    }
}
