namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// A checked SequencePool over (<paramref name="Time"/>, <paramref name="Width"/>). When the plan carries a padding
    /// mask (<see cref="LayerPlan.InputMask"/>), mean and last read real tokens only; first is position 0 either way.
    /// </summary>
    internal sealed record SequencePoolSettings(SequencePoolMode Mode, long Time, long Width) : LayerSettings;
}
