using Microsoft.CodeAnalysis;
using ModelDsl.Tests.Export;
using ModelDsl.Tests.Generator;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Onnx;

/// <summary>
/// ONNX export of models with padding masks (issue 17): ONNX Runtime computes what TorchSharp computes on ids with
/// padding among them, for a TransformerEncoder with masked mean and last pools and for a BertEncoder.
/// </summary>
public sealed class MaskedOnnxTests
{
    [Theory]
    [InlineData("MaskedTwins.Pooled")]
    [InlineData("MaskedTwins.Bert")]
    public void Onnx_runtime_masks_padding_as_torchsharp_does(string typeName)
    {
        GeneratorRun run = GeneratorHarness.Run(MaskedTwinTests.Source);
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Type type = GeneratorHarness.Load(run.Output, "masked-onnx-" + typeName).GetType(typeName)!;
        using var folder = new TemporaryFolder();
        // Random ids below 20 with padding id 0 among them, so rows have padding in several places.
        OnnxParity.Result result = OnnxParity.Export(type, folder.Path, seed: 5);
        Assert.True(result.Difference <= 1e-5, $"{typeName}: largest relative difference {result.Difference}");
        Assert.Contains(typeName == "MaskedTwins.Bert" ? "bert/bias" : "encoded/bias", File.ReadAllText(result.Path));
    }
}
