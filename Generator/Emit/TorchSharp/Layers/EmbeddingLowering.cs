using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>Embedding as TorchSharp's Embedding.</summary>
    internal sealed class EmbeddingLowering : TorchSharpLowering<EmbeddingSettings>
    {
        protected override string? ModuleTypeOf(EmbeddingSettings settings) => "global::TorchSharp.Modules.Embedding";

        protected override string ConstructOf(EmbeddingSettings settings) =>
            $"global::TorchSharp.torch.nn.Embedding({settings.Vocabulary}, {settings.Dimensions})";

        protected override void EmitForward(CodeWriter writer, LayerPlan plan, EmbeddingSettings settings, IReadOnlyList<string> inputs, string output) =>
            WriteModuleCall(writer, plan, inputs[0], output);
    }
}
