using System.Globalization;
using ModelDsl.Checkpoints;
using ModelDsl.Models.Declarations;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Checkpoints;

/// <summary>
/// Weights of a generated model load into its emitted PyTorch twin (Debian's python3-torch) and give
/// the same outputs to 1e-5. Skips cleanly where Python or torch is absent.
/// </summary>
public sealed class PyTorchInteropTests
{
    // The seed CNN's emitted PyTorch twin (the module the benchmark trains too), with ModelDsl's safetensors reader.
    private const string Script = """
        import sys, json, math, torch
        sys.path.insert(0, sys.argv[2])
        import modeldsl_safetensors
        from fashion_cnn import FashionCnn
        model = FashionCnn()
        path = sys.argv[1]
        model.load_state_dict(modeldsl_safetensors.load_file(path) if path.endswith(".safetensors") else torch.load(path), strict=True)
        model.eval()
        x = torch.tensor([math.sin(i * 0.37) * 0.5 + 0.5 for i in range(2 * 28 * 28)], dtype=torch.float32).reshape(2, 1, 28, 28)
        with torch.no_grad():
            print(json.dumps(model(x).flatten().tolist()))
        """;

    [SkippableTheory]
    [InlineData("fashion_cnn.pt")]
    [InlineData("fashion_cnn.safetensors")]
    public void Generated_fashion_cnn_weights_run_in_plain_pytorch_with_the_same_outputs(string fileName)
    {
        Skip.If(PythonTorch.MissingReason is not null, PythonTorch.MissingReason);

        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(11);
        using var model = new FashionCnn();
        model.eval();
        using var folder = new TemporaryFolder();
        string weights = Path.Combine(folder.Path, fileName);
        if (fileName.EndsWith(".safetensors", StringComparison.Ordinal))
            WeightExport.SaveSafetensors(model, weights);
        else
            WeightExport.SavePyTorch(model, weights);
        string script = folder.Write("check.py", Script);

        float[] pixels = Enumerable.Range(0, 2 * 28 * 28).Select(i => (float)(Math.Sin(i * 0.37) * 0.5 + 0.5)).ToArray();
        using var input = torch.tensor(pixels, [2, 1, 28, 28]);
        using var noGrad = torch.no_grad();
        float[] ours = model.call(input).data<float>().ToArray();

        string twin = Path.Combine(folder.Path, "twin");
        ModelDsl.Export.PyTorchExport.Write(twin, typeof(FashionCnn));
        ProcessResult result = ProcessRunner.Run(PythonTorch.Python, [script, weights, twin]);
        Assert.True(result.ExitCode == 0, result.Combined);
        double[] theirs = System.Text.Json.JsonSerializer.Deserialize<double[]>(result.StandardOutput.Trim().Split('\n')[^1])!;
        Assert.Equal(ours.Length, theirs.Length);
        for (int i = 0; i < ours.Length; i++)
            Assert.True(Math.Abs(ours[i] - theirs[i]) <= 1e-5, $"output {i}: TorchSharp {ours[i].ToString(CultureInfo.InvariantCulture)} vs PyTorch {theirs[i].ToString(CultureInfo.InvariantCulture)}");

        // And back: the exported weights load into a fresh generated module.
        using var reloaded = new FashionCnn();
        if (fileName.EndsWith(".safetensors", StringComparison.Ordinal))
            WeightExport.LoadSafetensors(reloaded, weights);
        else
            WeightExport.LoadPyTorch(reloaded, weights);
        reloaded.eval();
        Assert.True(reloaded.call(input).allclose(model.call(input)));
    }

    [Fact]
    public void Safetensors_for_another_architecture_are_refused_naming_the_first_differing_parameter()
    {
        Devices.TorchNative.EnsureLoaded();
        using var cnn = new FashionCnn();
        using var folder = new TemporaryFolder();
        string weights = Path.Combine(folder.Path, "cnn.safetensors");
        WeightExport.SaveSafetensors(cnn, weights);
        Assert.Equal([32L, 1, 3, 3], WeightExport.ReadSafetensorsShapes(weights)["conv2d_1.weight"]);
        using var other = new HandWrittenClassifier();

        var error = Assert.Throws<CheckpointException>(() => WeightExport.LoadSafetensors(other, weights));

        Assert.Contains($"'{weights}'", error.Message);
        Assert.Contains("the model has 'hidden.weight' [16, 8] which the file lacks", error.Message);
    }
}
