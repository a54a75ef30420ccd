using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>Embedding as nn.Embedding.</summary>
    internal sealed class EmbeddingLowering : PyTorchLowering<EmbeddingSettings>
    {
        protected override string? ConstructOf(EmbeddingSettings settings) => $"nn.Embedding({settings.Vocabulary}, {settings.Dimensions})";

        protected override void EmitForward(PythonWriter writer, LayerPlan plan, EmbeddingSettings settings, IReadOnlyList<string> inputs, string output) =>
            WriteModuleCall(writer, plan, inputs[0], output);
    }
}
