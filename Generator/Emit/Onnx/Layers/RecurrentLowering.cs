using System.Collections.Generic;
using System.Linq;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx.Layers
{
    /// <summary>LSTM/GRU as ONNX <c>LSTM</c>/<c>GRU</c> nodes, one per stacked layer, gates in ONNX order.</summary>
    internal sealed class RecurrentLowering : OnnxLowering<RecurrentSettings>
    {
        protected override string Method(LayerPlan plan, RecurrentSettings settings, IReadOnlyList<string> inputs) =>
            $"{(settings.Cell == RecurrentCell.Lstm ? "Lstm" : "Gru")}({Name(plan)}, {inputs[0]}, layers: {Literals.Integer(settings.Layers)}, " +
            $"bidirectional: {Boolean(settings.Bidirectional)}, returnSequences: {Boolean(settings.ReturnSequences)})";
    }
}
