using System.Globalization;
using System.Reflection;
using Microsoft.CodeAnalysis;
using ModelDsl.Export;
using ModelDsl.Tests.Generator;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Export;

/// <summary>
/// The PyTorch twin of models with padding masks (issue 17): on padded batches it computes what the TorchSharp module
/// computes, for a TransformerEncoder with masked pools and for a BertEncoder under Hugging Face's names.
/// </summary>
public sealed class MaskedTwinTests
{
    internal const string Source = """
        using ModelDsl;
        namespace MaskedTwins;
        [Model]
        [Input("text", 9, Vocabulary = 40, PaddingId = 0)]
        [Embedding(40, 8, Name = "words")]
        [TransformerEncoder(Layers = 1, Heads = 2, FeedForward = 16, Name = "encoded")]
        [SequencePool(SequencePooling.Mean, Name = "mean", From = "encoded")]
        [SequencePool(SequencePooling.Last, Name = "last", From = "encoded")]
        [Concatenate(Inputs = new[] { "mean", "last" })]
        [Dense(2)]
        public partial class Pooled { }

        [Model]
        [Input("text", 9, Vocabulary = 40, PaddingId = 0)]
        [BertEncoder(2, 16, 4, 32, 12, 40, Name = "bert")]
        [SequencePool(SequencePooling.Mean)]
        [Dense(3)]
        public partial class Bert { }
        """;

    private const string Script = """
        import importlib.util, os, sys
        import torch
        torch.set_num_threads(1)
        folder, name = sys.argv[1], sys.argv[2]
        sys.path.insert(0, folder)
        import modeldsl_safetensors as st
        spec = importlib.util.spec_from_file_location(name, os.path.join(folder, name + ".py"))
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        twin = getattr(module, sys.argv[3])()
        twin.load_state_dict(st.load_file(os.path.join(folder, "dotnet.safetensors")), strict=True)
        twin.eval()
        ids = st.load_file(os.path.join(folder, "ids.safetensors"))["ids"]
        with torch.no_grad():
            st.save_file({"output": twin(ids)}, os.path.join(folder, "output.safetensors"))
        print("ok")
        """;

    [SkippableTheory]
    [InlineData("MaskedTwins.Pooled")]
    [InlineData("MaskedTwins.Bert")]
    public void The_twin_masks_padding_as_the_torchsharp_module_does(string typeName)
    {
        Skip.If(PythonTorch.MissingReason is not null, PythonTorch.MissingReason);
        GeneratorRun run = GeneratorHarness.Run(Source);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Type type = GeneratorHarness.Load(run.Output, "masked-twins-" + typeName).GetType(typeName)!;
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(7);
        using var model = (torch.nn.Module<torch.Tensor, torch.Tensor>)Activator.CreateInstance(type, [null])!;
        model.eval();
        using var scope = torch.NewDisposeScope();
        // Rows of 9, 5, 2 and 1 real tokens, right-padded with 0.
        long[,] rows = { { 5, 9, 23, 7, 31, 2, 11, 30, 4 }, { 17, 4, 8, 3, 6, 0, 0, 0, 0 }, { 33, 12, 0, 0, 0, 0, 0, 0, 0 }, { 21, 0, 0, 0, 0, 0, 0, 0, 0 } };
        torch.Tensor ids = torch.tensor(rows);

        using var folder = new TemporaryFolder();
        string moduleName = (string)type.GetField("PyTorchModuleName")!.GetValue(null)!;
        PyTorchExport.Write(folder.Path, moduleName, (string)type.GetField("PyTorchSource")!.GetValue(null)!, (string)type.GetField("PyTorchTrainingOptions")!.GetValue(null)!);
        TorchSharp.PyBridge.Safetensors.SaveStateDict(Path.Combine(folder.Path, "dotnet.safetensors"), model.state_dict());
        TorchSharp.PyBridge.Safetensors.SaveStateDict(Path.Combine(folder.Path, "ids.safetensors"), new Dictionary<string, torch.Tensor> { ["ids"] = ids });
        ProcessResult result = ProcessRunner.Run(PythonTorch.Python, [folder.Write("run.py", Script), folder.Path, moduleName, type.Name]);
        Assert.True(result.ExitCode == 0, result.Combined);

        float[] theirs = TorchSharp.PyBridge.Safetensors.LoadStateDict(Path.Combine(folder.Path, "output.safetensors"))["output"].data<float>().ToArray();
        float[] ours = model.call(ids).data<float>().ToArray();
        Assert.Equal(ours.Length, theirs.Length);
        for (int i = 0; i < ours.Length; i++)
            Assert.True(Math.Abs(ours[i] - theirs[i]) <= 1e-5, $"output {i}: TorchSharp {ours[i].ToString(CultureInfo.InvariantCulture)} vs PyTorch {theirs[i].ToString(CultureInfo.InvariantCulture)}");
        // The padding matters: the same rows with their padding changed to other ids give other outputs.
        Assert.False(model.call(ids.masked_fill(ids.eq(0), 1)).allclose(model.call(ids), 1e-4, 1e-4));
    }
}
