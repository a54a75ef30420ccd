using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ModelDsl.Generator.Emit.Onnx.Layers;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx
{
    /// <summary>The ONNX lowering of each settings type (one per layer family); a test checks every layer kind has one.</summary>
    internal static class OnnxLowerings
    {
        public static ImmutableArray<OnnxLowering> All { get; } = ImmutableArray.Create<OnnxLowering>(
            new DenseLowering(),
            new ConvolutionLowering(),
            new PoolingLowering(),
            new GlobalAvgPoolLowering(),
            new FlattenLowering(),
            new ReshapeLowering(),
            new DropoutLowering(),
            new BatchNormLowering(),
            new LayerNormLowering(),
            new ActivationLowering(),
            new EmbeddingLowering(),
            new RecurrentLowering(),
            new TransformerEncoderLowering(),
            new SequencePoolLowering(),
            new MergeLowering());

        private static readonly ImmutableDictionary<Type, OnnxLowering> BySettings = All.ToImmutableDictionary(lowering => lowering.SettingsType);

        /// <summary>The lowering of <paramref name="settingsType"/>, or null when there is none.</summary>
        public static OnnxLowering? Find(Type settingsType) => BySettings.TryGetValue(settingsType, out var lowering) ? lowering : null;

        /// <summary>The lowering of a checked plan (every settings type has one).</summary>
        public static OnnxLowering Of(LayerPlan plan) =>
            Find(plan.Settings.GetType()) ?? throw new KeyNotFoundException("No ONNX lowering for " + plan.Settings.GetType().Name);

        /// <summary>The settings types that have a lowering.</summary>
        public static IEnumerable<Type> SettingsTypes => All.Select(lowering => lowering.SettingsType);
    }
}
