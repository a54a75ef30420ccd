using ModelDsl.Data;
using ModelDsl.Layers;
using ModelDsl.Models.Declarations;
using ModelDsl.Pretrained;
using ModelDsl.Training;

namespace ModelDsl.Models.Catalog;

/// <summary>
/// <c>news-minilm</c>: sentiment of financial news sentences by fine-tuning the pretrained all-MiniLM-L6-v2 encoder
/// (built in) with its own WordPiece tokenizer.
/// </summary>
internal sealed class NewsMinilmModel : NewsSentimentModel<NewsMinilmTrainer, NewsMinilm>
{
    private readonly Lazy<WordPieceText> _tokenizer = new(() => (WordPieceText)PretrainedWeights.TextEncoder(PretrainedWeights.MiniLM));

    public override string Name => "news-minilm";

    public override string Description => "Pretrained MiniLM-L6 encoder fine-tuned to classify financial news as negative/neutral/positive (--data file.csv: text, label).";

    public override string Summary() => NewsMinilm.Summary();

    protected override string InputName => NewsMinilm.Inputs[0].Name;

    protected override int Length => 64;

    // Fine-tuning a pretrained encoder needs far fewer sentences than training from scratch, and each costs more.
    protected override int GeneratedSentences => 2000;

    protected override TrainingOptions DeclaredOptions => NewsMinilmTrainer.DefaultOptions;

    protected override ITextEncoder TextEncoder => _tokenizer.Value;

    // The declaration names the pretrained source; the generated Create loads it (a fresh start, before any resume).
    protected override NewsMinilmTrainer CreateTrainer(TrainingOptions options) => NewsMinilmTrainer.Create(options);

    protected override NewsMinilmTrainer TrainerForCheckpoint(TrainingOptions options) => new(new NewsMinilm(), options) { OwnsModel = true };

    // WordPiece marks a continuation with "##"; every other piece starts a word. [CLS] and [SEP] are not words.
    protected override string? PieceText(long id)
    {
        if (id == _tokenizer.Value.ClassificationId || id == _tokenizer.Value.SeparatorId)
            return null;
        string token = _tokenizer.Value.TokenText(id);
        return token.StartsWith("##", StringComparison.Ordinal) ? token[2..] : " " + token;
    }

    protected override (TorchSharp.torch.nn.Module Module, string SpecHash) NewModule() => (new NewsMinilm(), NewsMinilm.SpecHash);
}
