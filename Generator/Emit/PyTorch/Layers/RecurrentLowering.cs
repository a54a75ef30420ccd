using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>
    /// LSTM/GRU as batch-first nn.LSTM/nn.GRU. Without return_sequences the output is the last layer's final hidden state
    /// (both directions, concatenated, when bidirectional), as the TorchSharp module returns.
    /// </summary>
    internal sealed class RecurrentLowering : PyTorchLowering<RecurrentSettings>
    {
        protected override string? ConstructOf(RecurrentSettings settings) =>
            $"nn.{(settings.Cell == RecurrentCell.Lstm ? "LSTM" : "GRU")}({settings.InFeatures}, {settings.Units}" +
            (settings.Layers == 1 ? "" : $", num_layers={settings.Layers}") + ", batch_first=True" +
            (settings.Dropout == 0 ? "" : $", dropout={PythonLiterals.Number(settings.Dropout)}") + (settings.Bidirectional ? ", bidirectional=True" : "") + ")";

        protected override void EmitForward(PythonWriter writer, LayerPlan plan, RecurrentSettings settings, IReadOnlyList<string> inputs, string output)
        {
            string sequence = RecurrentLayer.SequenceLocal(plan.Name), final = RecurrentLayer.FinalLocal(plan.Name);
            // An LSTM also returns its cell states, which nothing reads.
            writer.Line(settings.Cell == RecurrentCell.Lstm
                ? $"{sequence}, ({final}, _) = {PythonNames.Member(plan.Name)}({inputs[0]})"
                : $"{sequence}, {final} = {PythonNames.Member(plan.Name)}({inputs[0]})");
            if (settings.ReturnSequences)
                writer.Line($"{output} = {sequence}");
            else if (settings.Bidirectional)
                writer.Line($"{output} = torch.cat([{final}[-2], {final}[-1]], dim=1)");
            else
                writer.Line($"{output} = {final}[-1]");
        }
    }
}
