using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using ModelDsl.Generator.Emit.Onnx.Layers;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Generator.Emit.Onnx
{
    /// <summary>The ONNX lowering of each settings type (one per layer family); a test checks every layer kind has one.</summary>
    internal static class OnnxLowerings
    {
        private static readonly LoweringTable<OnnxLowering> Table = new("ONNX", ImmutableArray.Create<OnnxLowering>(
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
            new BertEncoderLowering(),
            new SequencePoolLowering(),
            new MergeLowering()));

        /// <summary>Every lowering, one per settings type.</summary>
        public static ImmutableArray<OnnxLowering> All => Table.All;

        /// <summary>The lowering of <paramref name="settingsType"/>, or null when there is none.</summary>
        public static OnnxLowering? Find(Type settingsType) => Table.Find(settingsType);

        /// <summary>The lowering of a checked plan (every settings type has one).</summary>
        public static OnnxLowering Of(LayerPlan plan) => Table.Of(plan);

        /// <summary>The settings types that have a lowering.</summary>
        public static IEnumerable<Type> SettingsTypes => Table.SettingsTypes;
    }
}
