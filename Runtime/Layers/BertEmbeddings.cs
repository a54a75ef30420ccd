using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Layers;

/// <summary>
/// BERT's input embedding (Hugging Face <c>embeddings.*</c>): word + position + token-type (always type 0) embeddings,
/// then LayerNorm and dropout.
/// </summary>
internal sealed class BertEmbeddings : nn.Module<Tensor, Tensor>
{
    private readonly Embedding word_embeddings;
    private readonly Embedding position_embeddings;
    private readonly Embedding token_type_embeddings;
    private readonly LayerNorm LayerNorm;
    private readonly Dropout dropout;

    public BertEmbeddings(string name, BertEncoderOptions options) : base(name)
    {
        word_embeddings = nn.Embedding(options.Vocabulary, options.Hidden);
        position_embeddings = nn.Embedding(options.MaxPositions, options.Hidden);
        token_type_embeddings = nn.Embedding(options.TypeVocabulary, options.Hidden);
        LayerNorm = nn.LayerNorm([options.Hidden], eps: options.LayerNormEps);
        dropout = nn.Dropout(options.Dropout);
        // The fields carry Hugging Face's state-dict names; RegisterComponents registers them under those names.
        RegisterComponents();
    }

    /// <summary>Embeds int64 ids <c>[batch, length]</c> into <c>[batch, length, hidden]</c>.</summary>
    public override Tensor forward(Tensor inputIds)
    {
        long length = inputIds.shape[1];
        using var positionIds = torch.arange(length, dtype: ScalarType.Int64, device: inputIds.device).unsqueeze(0);
        // Every token is segment 0, as for single-sentence classification; row 0 broadcasts over batch and length.
        using var typeIds = torch.zeros(1, 1, dtype: ScalarType.Int64, device: inputIds.device);
        using var words = word_embeddings.forward(inputIds);
        using var positions = position_embeddings.forward(positionIds);
        using var types = token_type_embeddings.forward(typeIds);
        using var sum = words + positions + types;
        using var normed = LayerNorm.forward(sum);
        return dropout.forward(normed);
    }
}
