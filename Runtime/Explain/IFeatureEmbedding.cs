using TorchSharp;

namespace ModelDsl.Explain;

/// <summary>
/// A generated module whose one input is a feature record with embedded enums (<c>[Embed]</c>): its forward is
/// <see cref="ForwardEmbedded"/> of <see cref="EmbedFeatures"/>. Gradients do not flow through a member index, so
/// integrated gradients of such a model run from the embedded features (see <see cref="IntegratedGradients.ExplainEmbedded"/>).
/// </summary>
public interface IFeatureEmbedding
{
    /// <summary>The featurized records <c>[N, featurized width]</c> as the first layers read them, each index replaced by its embedding.</summary>
    torch.Tensor EmbedFeatures(torch.Tensor input);

    /// <summary>The layers after the embeddings, on <c>[N, embedded width]</c>.</summary>
    torch.Tensor ForwardEmbedded(torch.Tensor embedded);
}
