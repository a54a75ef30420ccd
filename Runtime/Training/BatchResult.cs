using static TorchSharp.torch;

namespace ModelDsl.Training;

/// <summary>
/// What one optimizer step produced, as <see cref="ITrainingCallback.OnBatchEnd"/> sees it. The loss stays on the device:
/// reading it with <see cref="ReadLoss"/> is a host sync, so a callback that logs should do it only every N steps.
/// </summary>
public sealed class BatchResult
{
    private readonly Tensor _loss;

    internal BatchResult(int epoch, long batch, long step, long examples, Tensor loss)
    {
        Epoch = epoch;
        Batch = batch;
        Step = step;
        Examples = examples;
        _loss = loss;
    }

    /// <summary>The epoch the step belongs to (1-based).</summary>
    public int Epoch { get; }

    /// <summary>The batch within the epoch (1-based).</summary>
    public long Batch { get; }

    /// <summary>Optimizer steps completed in the run so far, this one included (continues across a resume).</summary>
    public long Step { get; }

    /// <summary>Examples in this batch.</summary>
    public long Examples { get; }

    /// <summary>
    /// The batch's mean loss as a detached scalar on the training device. It belongs to the step's dispose scope and is
    /// valid only during the call: clone it to keep it.
    /// </summary>
    public Tensor Loss => _loss;

    /// <summary>The batch's mean loss on the host. Waits for the device (a sync): call it every N steps, not every step.</summary>
    public double ReadLoss() => _loss.item<float>();
}
