using TorchSharp;

namespace ModelDsl.Data;

/// <summary>The one-input view of a batch source's batches, which both loaders offer beside their named-input batches.</summary>
internal static class OneInputBatches
{
    /// <summary>Each batch's only input tensor with its labels; a batch of several inputs is disposed and refused.</summary>
    public static IEnumerable<(torch.Tensor Features, torch.Tensor Labels)> Of(IEnumerable<(ModelInputs Inputs, torch.Tensor Labels)> batches)
    {
        foreach ((ModelInputs inputs, torch.Tensor labels) in batches)
        {
            if (inputs.Count != 1)
            {
                inputs.Dispose();
                labels.Dispose();
                throw new InvalidOperationException(
                    $"These batches have {inputs.Count} inputs ({ModelInputs.Describe(inputs.Names)}), so a batch is no single tensor; read them with InputBatches.");
            }
            yield return (inputs[0], labels);
        }
    }
}
