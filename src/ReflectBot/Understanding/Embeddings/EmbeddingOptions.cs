namespace ReflectBot.Understanding.Embeddings;

/// <summary>Settings of the sentence embedder (section <c>ReflectBot:Embeddings</c>).</summary>
public sealed class EmbeddingOptions
{
    /// <summary>False runs the bot without the model: screening by rules and the n-gram model only.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>An .onnx file to use instead of the packaged all-MiniLM-L6-v2 (same tokenizer and output shape).</summary>
    public string? ModelPath { get; set; }

    /// <summary>
    /// Threads one model run may use. 1 by default: under load every core already runs a turn, and a second
    /// thread per run only adds hand-offs (measured in bench/ScreenerBench); more helps a quiet single-user host.
    /// </summary>
    public int IntraOpThreads { get; set; } = 1;

    /// <summary>
    /// Word pieces read per sentence, [CLS] and [SEP] included. all-MiniLM-L6-v2 was trained on up to 256; cost
    /// grows with length, so a long message's later sentences are embedded on their own rather than as one.
    /// </summary>
    public int MaxTokens { get; set; } = 256;
}
