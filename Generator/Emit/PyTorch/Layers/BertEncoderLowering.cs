using System.Collections.Generic;
using System.Globalization;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.PyTorch.Layers
{
    /// <summary>
    /// BertEncoder as nested nn.ModuleDicts that carry Hugging Face's BERT names (embeddings.word_embeddings,
    /// encoder.layer.N.attention.self.query, …: the state-dict keys of ModelDsl.Layers.BertEncoder), and forward()
    /// statements computing BERT as it does: embeddings + LayerNorm, then per layer masked softmax attention, a residual
    /// LayerNorm, an exact-GELU feed-forward block and another residual LayerNorm; dropout only while training.
    /// </summary>
    internal sealed class BertEncoderLowering : PyTorchLowering<BertEncoderSettings>
    {
        protected override string? ConstructOf(BertEncoderSettings s)
        {
            string eps = PythonLiterals.Number(s.LayerNormEps);
            string norm = $"nn.LayerNorm({s.Hidden}, eps={eps})";
            string Linear(long inputs, long outputs) => $"nn.Linear({inputs}, {outputs})";
            string embeddings = $"nn.ModuleDict({{\"word_embeddings\": nn.Embedding({s.Vocabulary}, {s.Hidden}), " +
                $"\"position_embeddings\": nn.Embedding({s.MaxPositions}, {s.Hidden}), " +
                $"\"token_type_embeddings\": nn.Embedding({BertEncoderLayer.TypeVocabulary}, {s.Hidden}), \"LayerNorm\": {norm}}})";
            string attention = $"nn.ModuleDict({{\"self\": nn.ModuleDict({{\"query\": {Linear(s.Hidden, s.Hidden)}, \"key\": {Linear(s.Hidden, s.Hidden)}, " +
                $"\"value\": {Linear(s.Hidden, s.Hidden)}}}), \"output\": nn.ModuleDict({{\"dense\": {Linear(s.Hidden, s.Hidden)}, \"LayerNorm\": {norm}}})}})";
            string layer = $"nn.ModuleDict({{\"attention\": {attention}, \"intermediate\": nn.ModuleDict({{\"dense\": {Linear(s.Hidden, s.Intermediate)}}}), " +
                $"\"output\": nn.ModuleDict({{\"dense\": {Linear(s.Intermediate, s.Hidden)}, \"LayerNorm\": {norm}}})}})";
            return $"nn.ModuleDict({{\"embeddings\": {embeddings}, \"encoder\": nn.ModuleDict({{\"layer\": nn.ModuleList([{layer} for _ in range({s.Layers})])}})}})";
        }

        public override bool ReadsMask(LayerPlan plan) => plan.InputMask.Length > 0;

        protected override void EmitForward(PythonWriter writer, LayerPlan plan, BertEncoderSettings s, IReadOnlyList<string> inputs, string output)
        {
            string ids = inputs[0], module = PythonNames.Member(plan.Name), p = PythonLiterals.Number(s.Dropout);
            string mask = ReadsMask(plan) ? Names.MaskLocal(plan.InputMask) : $"torch.ones_like({ids}, dtype=torch.bool)";
            long headSize = s.Hidden / s.Heads;
            string scale = PythonLiterals.Number(1.0 / System.Math.Sqrt(headSize));
            string Local(string suffix) => BertEncoderLayer.LocalName(plan.Name, suffix);
            string h = Local("hidden"), bias = Local("bias"), layer = Local("layer"), e = Local("embeddings");
            // Padding keys get the dtype's lowest value added to their scores, as the runtime module does (finite, so a row of
            // padding only gives meaningless values rather than NaN).
            writer.Line($"{bias} = torch.zeros({ids}.shape, device={ids}.device).masked_fill({mask}.logical_not(), torch.finfo(torch.float32).min)[:, None, None, :]");
            writer.Line($"{e} = {module}[\"embeddings\"]");
            writer.Line($"{h} = {e}[\"word_embeddings\"]({ids}) + {e}[\"position_embeddings\"](torch.arange({ids}.shape[1], device={ids}.device))[None] + {e}[\"token_type_embeddings\"](torch.zeros_like({ids}))");
            writer.Line($"{h} = F.dropout({e}[\"LayerNorm\"]({h}), {p}, self.training)");
            using (writer.Block($"for {layer} in {module}[\"encoder\"][\"layer\"]:"))
            {
                string attention = $"{layer}[\"attention\"]", heads = Local("heads");
                writer.Line($"{heads} = [{attention}[\"self\"][n]({h}).view({h}.shape[0], {h}.shape[1], {s.Heads}, {headSize}).transpose(1, 2) for n in (\"query\", \"key\", \"value\")]");
                writer.Line($"{Local("scores")} = F.dropout(({heads}[0] @ {heads}[1].transpose(-1, -2) * {scale} + {bias}).softmax(-1), {p}, self.training)");
                writer.Line($"{Local("context")} = ({Local("scores")} @ {heads}[2]).transpose(1, 2).reshape({h}.shape)");
                writer.Line($"{h} = {attention}[\"output\"][\"LayerNorm\"](F.dropout({attention}[\"output\"][\"dense\"]({Local("context")}), {p}, self.training) + {h})");
                writer.Line($"{Local("inner")} = F.gelu({layer}[\"intermediate\"][\"dense\"]({h}))");
                writer.Line($"{h} = {layer}[\"output\"][\"LayerNorm\"](F.dropout({layer}[\"output\"][\"dense\"]({Local("inner")}), {p}, self.training) + {h})");
            }
            writer.Line($"{output} = {h}");
        }
    }
}
