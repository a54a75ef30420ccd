using TorchSharp;

namespace ModelDsl.Onnx;

// LSTM and GRU through ONNX's own operators: one node per stacked layer, weights converted to ONNX's gate order.
public sealed partial class OnnxGraphBuilder
{
    /// <summary>
    /// A batch-first LSTM of <paramref name="layers"/> stacked layers: one ONNX <c>LSTM</c> node per layer, PyTorch's gate
    /// order (input, forget, cell, output) converted to ONNX's (input, output, forget, cell). Returns every step
    /// (batch, time, directions × units) or the last layer's final hidden state (batch, directions × units), forward
    /// direction first, as the module does.
    /// </summary>
    public string Lstm(string name, string input, long layers, bool bidirectional, bool returnSequences) =>
        Recurrent(name, input, "LSTM", [0, 3, 1, 2], layers, bidirectional, returnSequences);

    /// <summary>
    /// A batch-first GRU, as <see cref="Lstm"/>: PyTorch's gates (reset, update, new) become ONNX's (update, reset,
    /// hidden), with <c>linear_before_reset = 1</c>, which is PyTorch's formula.
    /// </summary>
    public string Gru(string name, string input, long layers, bool bidirectional, bool returnSequences) =>
        Recurrent(name, input, "GRU", [1, 0, 2], layers, bidirectional, returnSequences);

    private string Recurrent(string name, string input, string opType, int[] gateOrder, long layers, bool bidirectional, bool returnSequences)
    {
        long hidden = WeightTensor($"{name}.weight_hh_l0").shape[1];
        string[] directions = bidirectional ? ["", "_reverse"] : [""];
        // ONNX runs time-major (layout 0, which every runtime supports): (time, batch, features).
        string sequence = Node("Transpose", $"{name}/time_major", [input], Attribute("perm", [1L, 0, 2]));
        string final = "";
        for (long layer = 0; layer < layers; layer++)
        {
            string step = $"{name}/l{layer}";
            string w = Converted($"{name}.W_l{layer}", directions.Select(d => Reordered(WeightTensor($"{name}.weight_ih_l{layer}{d}"), gateOrder)));
            string r = Converted($"{name}.R_l{layer}", directions.Select(d => Reordered(WeightTensor($"{name}.weight_hh_l{layer}{d}"), gateOrder)));
            string b = Converted($"{name}.B_l{layer}", directions.Select(d => torch.cat(
                [Reordered(WeightTensor($"{name}.bias_ih_l{layer}{d}"), gateOrder), Reordered(WeightTensor($"{name}.bias_hh_l{layer}{d}"), gateOrder)], 0)));
            var attributes = new List<global::Onnx.AttributeProto>
            {
                Attribute("hidden_size", hidden),
                Attribute("direction", bidirectional ? "bidirectional" : "forward"),
            };
            if (opType == "GRU")
                attributes.Add(Attribute("linear_before_reset", 1L));
            string[] outputs = Node(opType, step, [sequence, w, r, b], opType == "LSTM" ? [step + "/Y", step + "/Y_h", ""] : [step + "/Y", step + "/Y_h"],
                attributes.ToArray());
            final = outputs[1];
            bool last = layer == layers - 1;
            if (last && !returnSequences)
                break;
            // Y is (time, directions, batch, hidden): the next layer (or the output) reads the directions side by side.
            sequence = last
                ? Node("Reshape", name, [Node("Transpose", step + "/batch_major", [outputs[0]], Attribute("perm", [2L, 0, 1, 3])), Int64Vector(step + "/shape", 0, 0, -1)])
                : Node("Reshape", step + "/sequence", [Node("Transpose", step + "/steps", [outputs[0]], Attribute("perm", [0L, 2, 1, 3])), Int64Vector(step + "/shape", 0, 0, -1)]);
        }
        if (returnSequences)
            return sequence;
        // Y_h is (directions, batch, hidden): (batch, directions × hidden), the forward direction first.
        string batchMajor = Node("Transpose", $"{name}/final_batch_major", [final], Attribute("perm", [1L, 0, 2]));
        return Node("Reshape", name, [batchMajor, Int64Vector($"{name}/final_shape", 0, -1)]);
    }

    /// <summary>An initializer of the directions' converted tensors stacked on a new first axis (ONNX's num_directions).</summary>
    private string Converted(string name, IEnumerable<torch.Tensor> perDirection)
    {
        using var scope = torch.NewDisposeScope();
        return Initializer(name, torch.stack(perDirection.ToArray(), 0));
    }

    /// <summary>The gate blocks of <paramref name="tensor"/> (stacked on axis 0) in <paramref name="order"/>.</summary>
    private static torch.Tensor Reordered(torch.Tensor tensor, int[] order)
    {
        torch.Tensor[] gates = tensor.detach().chunk(order.Length, 0);
        return torch.cat(order.Select(g => gates[g]).ToArray(), 0);
    }
}
