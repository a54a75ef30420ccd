using System.Collections.Generic;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.TorchSharp.Layers
{
    /// <summary>
    /// LSTM/GRU as TorchSharp's batch-first modules. Without return_sequences the output is the last layer's final hidden
    /// state (both directions, concatenated, when bidirectional): what Keras returns.
    /// </summary>
    internal sealed class RecurrentLowering : TorchSharpLowering<RecurrentSettings>
    {
        protected override string? ModuleTypeOf(RecurrentSettings settings) => "global::TorchSharp.Modules." + TypeName(settings);

        protected override string ConstructOf(RecurrentSettings settings) =>
            $"global::TorchSharp.torch.nn.{TypeName(settings)}({settings.InFeatures}, {settings.Units}, numLayers: {settings.Layers}, batchFirst: true" +
            $", dropout: {Literals.Number(settings.Dropout)}, bidirectional: {(settings.Bidirectional ? "true" : "false")})";

        protected override void EmitForward(CodeWriter writer, LayerPlan plan, RecurrentSettings settings, IReadOnlyList<string> inputs, string output)
        {
            string sequence = RecurrentLayer.SequenceLocal(plan.Name), final = RecurrentLayer.FinalLocal(plan.Name);
            // An LSTM also returns its cell states, which nothing reads.
            writer.Line(settings.Cell == RecurrentCell.Lstm
                ? $"var ({sequence}, {final}, _) = this.{plan.Name}.call({inputs[0]});"
                : $"var ({sequence}, {final}) = this.{plan.Name}.call({inputs[0]});");
            if (settings.ReturnSequences)
            {
                writer.Line($"var {output} = {sequence};");
                return;
            }
            long states = settings.Layers * (settings.Bidirectional ? 2 : 1);
            writer.Line(settings.Bidirectional
                ? $"var {output} = global::TorchSharp.torch.cat(new[] {{ {final}.select(0, {states - 2}), {final}.select(0, {states - 1}) }}, 1);"
                : $"var {output} = {final}.select(0, {states - 1});");
        }

        private static string TypeName(RecurrentSettings settings) => settings.Cell == RecurrentCell.Lstm ? "LSTM" : "GRU";
    }
}
