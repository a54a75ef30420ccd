namespace ModelDsl.Training;

/// <summary>
/// The learning-rate factor of <see cref="LearningRateSchedule.WarmupLinear"/> and <see cref="LearningRateSchedule.WarmupCosine"/>
/// at an optimizer step, as Hugging Face's <c>get_linear_schedule_with_warmup</c> / <c>get_cosine_schedule_with_warmup</c>
/// define it: <c>step / warmup</c> while warming up (so the first step runs at 0), then a linear or half-cosine decay that
/// reaches 0 at <paramref name="TotalSteps"/>.
/// </summary>
/// <param name="Schedule">Linear or cosine decay after the warm-up.</param>
/// <param name="WarmupSteps">Warm-up steps; 0 takes <paramref name="WarmupRatio"/> of all steps, rounded up.</param>
/// <param name="WarmupRatio">The fraction of all steps that warm up when <paramref name="WarmupSteps"/> is 0.</param>
/// <param name="TotalSteps">Optimizer steps in the whole run.</param>
internal sealed record WarmupSchedule(LearningRateSchedule Schedule, int WarmupSteps, double WarmupRatio, long TotalSteps)
{
    /// <summary>The warm-up length in optimizer steps.</summary>
    public long Warmup => WarmupSteps > 0 ? WarmupSteps : (long)Math.Ceiling(WarmupRatio * TotalSteps);

    /// <summary>The factor that multiplies the learning rate at optimizer step <paramref name="step"/> (0-based).</summary>
    public double Factor(int step)
    {
        long warmup = Warmup;
        if (step < warmup)
            return step / (double)Math.Max(1, warmup);
        double progress = (step - warmup) / (double)Math.Max(1, TotalSteps - warmup);
        return Schedule == LearningRateSchedule.WarmupCosine
            ? Math.Max(0, 0.5 * (1 + Math.Cos(Math.PI * progress)))
            : Math.Max(0, 1 - progress);
    }

    /// <summary>Optimizer steps in an epoch of <paramref name="batches"/> batches stepped every <paramref name="accumulate"/>.</summary>
    public static long OptimizerStepsPerEpoch(long batches, int accumulate) => (batches + accumulate - 1) / accumulate;
}
