using System.Reflection;
using ModelDsl.Onnx;
using TorchSharp;

namespace ModelDsl.Tests.Onnx;

/// <summary>
/// Exports a generated module to ONNX and runs the same random batch through TorchSharp (eval mode) and ONNX Runtime.
/// Before exporting, a few training-mode passes move BatchNorm's running statistics away from their initial 0 and 1,
/// so the inference form is really exercised.
/// </summary>
public static class OnnxParity
{
    /// <summary>What one model gave: the file, the largest difference relative to max(1, |TorchSharp's value|), and the summary.</summary>
    public sealed record Result(string Name, string Path, double Difference, bool Transformer, string Summary);

    public const int Rows = 3;

    public static Result Export(Type type, string folder, int seed)
    {
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(seed);
        var random = new Random(seed);
        using var module = (torch.nn.Module)Activator.CreateInstance(type, [null])!;
        string path = System.IO.Path.Combine(folder, type.Name + ".onnx");
        string summary = (string)type.GetMethod("Summary")!.Invoke(null, null)!;
        MethodInfo forward = type.GetMethods().Single(m => m.Name == "forward" && m.DeclaringType == type);
        List<(string Name, long[] Shape, bool Integers)> inputs = Inputs(type, module);
        // An embedded enum's column holds a member index: random floats there would index outside the embedding.
        var indexColumns = type.Assembly.GetType(type.FullName + "Featurizer")?.GetProperty("EmbeddedIndexColumns")?.GetValue(null) as IReadOnlyList<global::ModelDsl.Data.EmbeddedIndexColumn> ?? [];
        using (torch.no_grad())
        {
            module.train();
            for (int pass = 0; pass < 3; pass++)
                using (var scope = torch.NewDisposeScope())
                    forward.Invoke(module, RandomBatch(inputs, random, indexColumns).Select(b => (object)b.Tensor).ToArray());
        }
        module.eval();
        type.GetMethod("ExportOnnx", [typeof(string), typeof(int)])!.Invoke(module, [path, 17]);

        using var session = new OnnxModel(path);
        using var dispose = torch.NewDisposeScope();
        var batch = RandomBatch(inputs, random, indexColumns);
        float[] expected;
        using (torch.no_grad())
            expected = ((torch.Tensor)forward.Invoke(module, batch.Select(b => (object)b.Tensor).ToArray())!).contiguous().data<float>().ToArray();
        float[] actual = session.Run(Rows, inputs.Select((input, i) => (input.Name, batch[i].Values)).ToDictionary(p => p.Name, p => p.Values));
        Assert.True(expected.Length == actual.Length, $"{type.Name}: TorchSharp gave {expected.Length} values, ONNX Runtime {actual.Length}\n{summary}");
        double difference = expected.Zip(actual).Max(p => Math.Abs(p.First - p.Second) / Math.Max(1, Math.Abs(p.First)));
        return new Result(type.Name, path, difference, summary.Contains("(TransformerEncoder)", StringComparison.Ordinal), summary);
    }

    /// <summary>
    /// The declared inputs in forward()'s order: a named-input model lists them (<c>Inputs</c>); a model's one unnamed input
    /// is token ids exactly when its first layer is an Embedding.
    /// </summary>
    private static List<(string Name, long[] Shape, bool Integers)> Inputs(Type type, torch.nn.Module module)
    {
        if (type.GetProperty("Inputs")?.GetValue(null) is IReadOnlyList<global::ModelDsl.Training.ModelInput> declared)
            return declared.Select(i => (i.Name, i.Shape.ToArray(), i.Kind == global::ModelDsl.Training.ModelInputKind.TokenIds)).ToList();
        long[] shape = ((IReadOnlyList<long>)type.GetProperty("InputShape")!.GetValue(null)!).ToArray();
        // A record model's embeddings of enums (embed_*) come first too, but it reads floats.
        bool tokens = module is not global::ModelDsl.Explain.IFeatureEmbedding && module.named_children().FirstOrDefault().module is TorchSharp.Modules.Embedding;
        return [("input", shape, tokens)];
    }

    /// <summary>A random batch per input: token ids (or enum indices) below 20, floats from a normal distribution.</summary>
    private static List<(torch.Tensor Tensor, Array Values)> RandomBatch(List<(string Name, long[] Shape, bool Integers)> inputs, Random random,
        IReadOnlyList<global::ModelDsl.Data.EmbeddedIndexColumn> indexColumns) =>
        inputs.Select(input =>
        {
            long count = Rows * input.Shape.Aggregate(1L, (a, d) => a * d);
            long[] shape = [Rows, .. input.Shape];
            if (input.Integers)
            {
                long[] ids = Enumerable.Range(0, (int)count).Select(_ => (long)random.Next(20)).ToArray();
                return (torch.tensor(ids, shape), (Array)ids);
            }
            float[] values = Enumerable.Range(0, (int)count).Select(_ => (float)(random.NextDouble() * 4 - 2)).ToArray();
            if (inputs.Count == 1)
                for (long row = 0; row < Rows; row++)
                    foreach (global::ModelDsl.Data.EmbeddedIndexColumn column in indexColumns)
                        values[row * input.Shape[^1] + column.Column] = random.Next(column.Members);
            return (torch.tensor(values, shape), (Array)values);
        }).ToList();
}
