namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// A checked BertEncoder: Hugging Face's BERT encoder (no pooler) of <paramref name="Layers"/> post-LN layers over
    /// <paramref name="Length"/> token ids, each of width <paramref name="Hidden"/> with <paramref name="Heads"/> heads
    /// (dividing it) and a GELU feed-forward block of <paramref name="Intermediate"/>; word (<paramref name="Vocabulary"/>),
    /// position (<paramref name="MaxPositions"/>, at least <paramref name="Length"/>) and two token-type embeddings.
    /// </summary>
    /// <param name="LayerNormEps">Epsilon of every LayerNorm (Hugging Face's <c>layer_norm_eps</c>).</param>
    /// <param name="Dropout">Dropout of the embeddings, attention probabilities and residual branches while training.</param>
    /// <param name="Pretrained">Where the weights come from (a built-in name such as <c>sentence-transformers/all-MiniLM-L6-v2</c>,
    /// a Hugging Face folder or an .onnx file), or "" for freshly initialised weights.</param>
    /// <param name="PaddingId">For a pretrained encoder, the padding id its token input declares (the source vocabulary's
    /// <c>[PAD]</c> must have it when the weights load); -1 otherwise.</param>
    internal sealed record BertEncoderSettings(
        long Layers, long Hidden, long Heads, long Intermediate, long MaxPositions, long Vocabulary, double LayerNormEps, double Dropout,
        long Length, string Pretrained, long PaddingId) : LayerSettings;
}
