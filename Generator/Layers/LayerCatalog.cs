using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Every layer kind ModelDsl knows, looked up by kind name ignoring case and underscores.</summary>
    internal static class LayerCatalog
    {
        public static ImmutableArray<LayerDefinition> All { get; } = ImmutableArray.Create<LayerDefinition>(
            new DenseLayer(),
            new Conv1DLayer(),
            new Conv2DLayer(),
            new MaxPool1DLayer(),
            new MaxPool2DLayer(),
            new AvgPool1DLayer(),
            new AvgPool2DLayer(),
            new GlobalAvgPoolLayer(),
            new FlattenLayer(),
            new ReshapeLayer(),
            new DropoutLayer(),
            new BatchNormLayer(),
            new LayerNormLayer(),
            new ActivationLayer(),
            new EmbeddingLayer(),
            new LstmLayer(),
            new GruLayer(),
            new TransformerEncoderLayer(),
            new BertEncoderLayer(),
            new SequencePoolLayer(),
            new AddLayer(),
            new MultiplyLayer(),
            new ConcatenateLayer());

        private static readonly ImmutableDictionary<string, LayerDefinition> ByKey =
            All.ToImmutableDictionary(layer => Names.Normalize(layer.Kind));

        public static LayerDefinition? Find(string kind) => ByKey.TryGetValue(Names.Normalize(kind), out var layer) ? layer : null;

        public static IEnumerable<string> Kinds => All.Select(layer => layer.Kind);
    }
}
