using System.Globalization;
using System.Text.Json;
using ModelDsl.Checkpoints;
using ModelDsl.Layers;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Layers;

/// <summary>
/// <see cref="BertEncoder"/> against an independent BERT forward written in plain PyTorch (Debian's python3-torch) from the
/// Hugging Face architecture, with the same weights: a padded batch gives the same last hidden state on real tokens.
/// </summary>
public sealed class BertEncoderTests
{
    private const string Python = "/usr/bin/python3";

    private static readonly BertEncoderOptions Small = new(Layers: 2, Hidden: 32, Heads: 4, Intermediate: 48, MaxPositions: 16, Vocabulary: 50, Dropout: 0.1);

    // Hugging Face's BertModel forward, spelled out with torch building blocks (nothing shared with the C# code).
    private const string Script = """
        import sys, json, math, struct, torch
        import torch.nn.functional as F
        def load_safetensors(path):
            dtypes = {"F32": torch.float32, "I64": torch.int64}
            with open(path, "rb") as f:
                data = f.read()
            (length,) = struct.unpack("<Q", data[:8])
            header = json.loads(data[8:8 + length])
            body = data[8 + length:]
            out = {}
            for name, entry in header.items():
                if name == "__metadata__":
                    continue
                start, end = entry["data_offsets"]
                out[name] = torch.frombuffer(bytearray(body[start:end]), dtype=dtypes[entry["dtype"]]).reshape(entry["shape"])
            return out
        w = load_safetensors(sys.argv[1])
        cfg = json.loads(sys.argv[2])
        ids = torch.tensor(cfg["ids"], dtype=torch.int64)
        mask = torch.tensor(cfg["mask"], dtype=torch.int64)
        heads, eps = cfg["heads"], cfg["eps"]
        def linear(x, prefix):
            return x @ w[prefix + ".weight"].t() + w[prefix + ".bias"]
        def norm(x, prefix):
            return F.layer_norm(x, (x.shape[-1],), w[prefix + ".weight"], w[prefix + ".bias"], eps)
        batch, length = ids.shape
        positions = torch.arange(length).unsqueeze(0).expand(batch, length)
        h = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][positions] \
            + w["embeddings.token_type_embeddings.weight"][torch.zeros_like(ids)]
        h = norm(h, "embeddings.LayerNorm")
        bias = (1.0 - mask[:, None, None, :].float()) * -1e9
        hidden = h.shape[-1]
        size = hidden // heads
        i = 0
        while ("encoder.layer.%d.attention.self.query.weight" % i) in w:
            p = "encoder.layer.%d." % i
            def split(t):
                return t.view(batch, length, heads, size).permute(0, 2, 1, 3)
            q = split(linear(h, p + "attention.self.query"))
            k = split(linear(h, p + "attention.self.key"))
            v = split(linear(h, p + "attention.self.value"))
            scores = q @ k.transpose(-1, -2) / math.sqrt(size) + bias
            context = (torch.softmax(scores, dim=-1) @ v).permute(0, 2, 1, 3).reshape(batch, length, hidden)
            a = norm(linear(context, p + "attention.output.dense") + h, p + "attention.output.LayerNorm")
            f = F.gelu(linear(a, p + "intermediate.dense"))
            h = norm(linear(f, p + "output.dense") + a, p + "output.LayerNorm")
            i += 1
        print(json.dumps({"layers": i, "hidden": h.flatten().tolist()}))
        """;

    [Fact]
    public void Parameters_carry_hugging_face_state_dict_names()
    {
        Devices.TorchNative.EnsureLoaded();
        using var encoder = new BertEncoder("bert", Small);

        string[] perLayer =
        [
            "attention.self.query.weight", "attention.self.query.bias", "attention.self.key.weight", "attention.self.key.bias",
            "attention.self.value.weight", "attention.self.value.bias", "attention.output.dense.weight", "attention.output.dense.bias",
            "attention.output.LayerNorm.weight", "attention.output.LayerNorm.bias", "intermediate.dense.weight", "intermediate.dense.bias",
            "output.dense.weight", "output.dense.bias", "output.LayerNorm.weight", "output.LayerNorm.bias",
        ];
        var expected = new List<string>
        {
            "embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight", "embeddings.token_type_embeddings.weight",
            "embeddings.LayerNorm.weight", "embeddings.LayerNorm.bias",
        };
        for (int i = 0; i < 2; i++)
            expected.AddRange(perLayer.Select(name => $"encoder.layer.{i}.{name}"));

        Assert.Equal(expected, encoder.state_dict().Keys);
        Assert.Equal([48L, 32], encoder.state_dict()["encoder.layer.1.intermediate.dense.weight"].shape);
        Assert.Equal([16L, 32], encoder.state_dict()["embeddings.position_embeddings.weight"].shape);
    }

    [Fact]
    public void MiniLM_L6_sized_encoder_has_the_hugging_face_parameter_count_without_the_pooler()
    {
        Devices.TorchNative.EnsureLoaded();
        using var encoder = new BertEncoder("bert", new BertEncoderOptions(6, 384, 12, 1536, 512, 30522));

        // Embeddings: 30522·384 + 512·384 + 2·384 + 2·384 = 11,918,592. Each layer: 4·(384·384 + 384) + 2·384
        // + (384·1536 + 1536) + (1536·384 + 384) + 2·384 = 1,774,464; six layers 10,646,784. (The pooler's
        // 147,840 would make the 22,713,216 of BertModel with pooler.)
        Assert.Equal(22_565_376L, encoder.parameters().Sum(p => p.numel()));
    }

    [SkippableFact]
    public void Padded_batch_matches_an_independent_pytorch_bert_forward_on_real_tokens()
    {
        Skip.IfNot(File.Exists(Python), "no /usr/bin/python3");
        Skip.IfNot(ProcessRunner.Run(Python, ["-c", "import torch"]).ExitCode == 0, "python3-torch is not installed");
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(17);
        using var encoder = new BertEncoder("bert", Small);
        RandomiseLayerNorms(encoder);
        encoder.eval();
        int[] lengths = [9, 5, 1, 7];
        (long[,] ids, long[,] mask) = Batch(lengths, 10, seed: 3);

        float[] ours;
        using (torch.no_grad())
        using (var idTensor = torch.tensor(ids))
        using (var maskTensor = torch.tensor(mask).to(torch.ScalarType.Bool))
        using (var output = encoder.call(idTensor, maskTensor))
        {
            Assert.Equal([4L, 10, 32], output.shape);
            Assert.Equal(torch.ScalarType.Float32, output.dtype);
            ours = output.data<float>().ToArray();
        }

        using var folder = new TemporaryFolder();
        string weights = Path.Combine(folder.Path, "bert.safetensors");
        WeightExport.SaveSafetensors(encoder, weights);
        string config = JsonSerializer.Serialize(new { ids = ToJagged(ids), mask = ToJagged(mask), heads = 4, eps = 1e-12 });
        ProcessResult result = ProcessRunner.Run(Python, [folder.Write("bert.py", Script), weights, config]);
        Assert.True(result.ExitCode == 0, result.Combined);
        using JsonDocument reply = JsonDocument.Parse(result.StandardOutput.Trim().Split('\n')[^1]);
        Assert.Equal(2, reply.RootElement.GetProperty("layers").GetInt32());
        double[] theirs = reply.RootElement.GetProperty("hidden").Deserialize<double[]>()!;
        Assert.Equal(ours.Length, theirs.Length);

        double worst = 0;
        for (int row = 0; row < lengths.Length; row++)
            for (int position = 0; position < lengths[row]; position++)
                for (int k = 0; k < 32; k++)
                {
                    int at = (row * 10 + position) * 32 + k;
                    worst = Math.Max(worst, Math.Abs(ours[at] - theirs[at]));
                }
        Console.WriteLine($"BertEncoder vs PyTorch, real tokens: max abs diff {worst.ToString("E2", CultureInfo.InvariantCulture)}");
        Assert.True(worst <= 1e-5, $"max abs diff on real tokens {worst.ToString(CultureInfo.InvariantCulture)}");
    }

    [Fact]
    public void Padding_a_batch_further_changes_no_real_token_by_more_than_1e_6()
    {
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(5);
        using var encoder = new BertEncoder("bert", Small);
        encoder.eval();
        int[] lengths = [6, 2, 4];
        (long[,] shortIds, long[,] shortMask) = Batch(lengths, 6, seed: 9);
        (long[,] longIds, long[,] longMask) = Batch(lengths, 15, seed: 9);

        using var noGrad = torch.no_grad();
        using var scope = torch.NewDisposeScope();
        var shortOutput = encoder.call(torch.tensor(shortIds), torch.tensor(shortMask).to(torch.ScalarType.Bool));
        var longOutput = encoder.call(torch.tensor(longIds), torch.tensor(longMask).to(torch.ScalarType.Bool));

        for (int row = 0; row < lengths.Length; row++)
        {
            double difference = (shortOutput[row, ..lengths[row]] - longOutput[row, ..lengths[row]]).abs().max().item<float>();
            Assert.True(difference <= 1e-6, $"row {row}: {difference.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    [Fact]
    public void Mask_of_another_shape_and_too_long_sequences_are_refused_with_both_shapes()
    {
        Devices.TorchNative.EnsureLoaded();
        using var encoder = new BertEncoder("bert", Small);
        using var ids = torch.zeros(2, 5, dtype: torch.ScalarType.Int64);
        using var mask = torch.ones(2, 4, dtype: torch.ScalarType.Bool);
        var error = Assert.Throws<ArgumentException>(() => encoder.call(ids, mask));
        Assert.Contains("[2, 4] must have the ids' shape [2, 5]", error.Message);

        using var longIds = torch.zeros(1, 17, dtype: torch.ScalarType.Int64);
        using var longMask = torch.ones(1, 17, dtype: torch.ScalarType.Bool);
        error = Assert.Throws<ArgumentException>(() => encoder.call(longIds, longMask));
        Assert.Contains("17 tokens exceed the 16 positions", error.Message);

        error = Assert.Throws<ArgumentException>(() => new BertEncoder("bad", Small with { Hidden = 30 }));
        Assert.Contains("Hidden (30) must be a multiple of Heads (4)", error.Message);
    }

    // Fresh LayerNorms are the identity (weight 1, bias 0), which would hide a swapped weight and bias.
    private static void RandomiseLayerNorms(BertEncoder encoder)
    {
        using var noGrad = torch.no_grad();
        foreach (var (name, parameter) in encoder.named_parameters())
            if (name.Contains("LayerNorm", StringComparison.Ordinal))
                parameter.copy_(torch.rand_like(parameter) + 0.5);
    }

    // Rows of random ids in [1, 50) of the given lengths, padded with id 0 to `length`; the mask is 1 on real tokens.
    private static (long[,] Ids, long[,] Mask) Batch(int[] lengths, int length, int seed)
    {
        var random = new Random(seed);
        var ids = new long[lengths.Length, length];
        var mask = new long[lengths.Length, length];
        for (int row = 0; row < lengths.Length; row++)
            for (int position = 0; position < lengths[row]; position++)
            {
                ids[row, position] = random.Next(1, 50);
                mask[row, position] = 1;
            }
        return (ids, mask);
    }

    private static long[][] ToJagged(long[,] values) =>
        Enumerable.Range(0, values.GetLength(0)).Select(row => Enumerable.Range(0, values.GetLength(1)).Select(column => values[row, column]).ToArray()).ToArray();
}
