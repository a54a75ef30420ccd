using ModelDsl.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;

namespace ModelDsl.Models.Catalog;

/// <summary><c>news-transformer</c>: sentiment of financial news sentences with a small Transformer encoder over GPT-2 tokens.</summary>
internal sealed class NewsTransformerModel : NewsSentimentModel<NewsTransformerTrainer, NewsTransformer>
{
    private readonly TokenizedText _tokenizer = new();

    public override string Name => "news-transformer";

    public override string Description => "2-layer Transformer encoder classifying financial news as negative/neutral/positive (--data file.csv: text, label).";

    public override string Summary() => NewsTransformer.Summary();

    protected override string InputName => NewsTransformer.Inputs[0].Name;

    protected override int Length => 32;

    // Enough sentences for the rule's combinations (metric × direction, negation, contrast) to be learnt rather than memorised.
    protected override int GeneratedSentences => 8000;

    protected override TrainingOptions DeclaredOptions => NewsTransformerTrainer.DefaultOptions;

    protected override ITextEncoder TextEncoder => _tokenizer;

    protected override NewsTransformerTrainer CreateTrainer(TrainingOptions options) => NewsTransformerTrainer.Create(options);

    protected override NewsTransformerTrainer TrainerForCheckpoint(TrainingOptions options) =>
        new(new NewsTransformer(), options) { OwnsModel = true };

    protected override string? PieceText(long id) => _tokenizer.TokenText(id);

    protected override (TorchSharp.torch.nn.Module Module, string SpecHash) NewModule() => (new NewsTransformer(), NewsTransformer.SpecHash);
}
