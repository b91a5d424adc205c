namespace ReflectBot.Understanding.Recognition;

/// <summary>
/// Where the recognizer draws its lines (section <c>ReflectBot:Recognition</c>). The defaults were measured on the
/// development utterances (tests/ReflectBot.Tests/Understanding/utterances.tsv); the reasoning is in
/// Understanding/README.md. Raising a "From" makes the bot ask or admit more often and guess wrong less often.
/// </summary>
public sealed class RecognitionOptions
{
    /// <summary>
    /// Below this cosine similarity to every in-scope example, a message is out of scope ("what's the weather?"),
    /// whatever the classifier says: sentence embeddings tell "far from everything we know" better than a softmax does.
    /// </summary>
    public float InScopeFrom { get; set; } = 0.45f;

    /// <summary>
    /// The probability from which the classifier overrules <see cref="InScopeFrom"/>: words can name a conversation
    /// outright even when the sentence as a whole is unlike every example. A question also needs its Learn entry this sure.
    /// </summary>
    public float SureDespiteDistanceFrom { get; set; } = 0.85f;

    /// <summary>The top intent's probability from which the bot acts on it without asking.</summary>
    public float SureFrom { get; set; } = 0.5f;

    /// <summary>From here up to <see cref="SureFrom"/>, the bot asks "did you mean ...?" with its best guesses; below, it says it didn't follow.</summary>
    public float AskFrom { get; set; } = 0.25f;

    /// <summary>The best Learn entry's probability from which its answer is given.</summary>
    public float LearnAnswerFrom { get; set; } = 0.3f;

    /// <summary>From here up to <see cref="LearnAnswerFrom"/>, the closest entries are offered as "did you mean"; below, the honest no-match reply.</summary>
    public float LearnSuggestFrom { get; set; } = 0.12f;

    /// <summary>
    /// The file that keeps the examples' sentence embeddings between runs (content text only). Empty keeps nothing;
    /// unset uses a file in the user's local application data.
    /// </summary>
    public string? VectorCachePath { get; set; }

    /// <summary>The cache file to use: the configured one, or the default under local application data.</summary>
    public string? ResolveVectorCachePath()
    {
        if (VectorCachePath is not null)
        {
            return VectorCachePath.Length == 0 ? null : Path.GetFullPath(VectorCachePath);
        }

        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData);
        return Path.Combine(string.IsNullOrEmpty(local) ? Path.GetTempPath() : local, "ReflectBot", "example-vectors.bin");
    }
}
