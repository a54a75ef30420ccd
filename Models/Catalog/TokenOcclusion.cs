using ModelDsl.Models.Data;
using TorchSharp;

namespace ModelDsl.Models.Catalog;

/// <summary>
/// Explains a sentence classifier over token ids by occlusion: for each of the first held-out sentences, each token is
/// replaced by the input's padding id in turn, and the drop in the predicted class's probability is that token's
/// contribution. The model's padding mask derives from that id, so an occluded token is masked: hidden from attention
/// and from pooling, exactly as if the mask alone removed it. Pieces are merged into words; printed per sentence and
/// charted for the first.
/// </summary>
internal static class TokenOcclusion
{
    /// <param name="model">The model's command-line name, for the chart title.</param>
    /// <param name="predict">Class probabilities <c>[N, classes]</c> of token-id rows.</param>
    /// <param name="testIds">The held-out sentences as token ids <c>[N, length]</c>.</param>
    /// <param name="paddingId">The id that fills a row after its last token, and masks a token out.</param>
    /// <param name="piece">A token's text as GPT-2 pieces read (a leading space starts a word), or null for a special token
    /// (<c>[CLS]</c>, <c>[SEP]</c>) that is neither occluded nor shown.</param>
    public static ExplainOutcome Explain(string model, Func<torch.Tensor, torch.Tensor> predict, torch.Tensor testIds, long paddingId,
        Func<long, string?> piece, string outDir, TextWriter output)
    {
        var charts = new List<string>();
        var ranking = new List<(string, double)>();
        Directory.CreateDirectory(outDir);
        for (int sentence = 0; sentence < Math.Min(3, (int)testIds.shape[0]); sentence++)
        {
            using torch.Tensor ids = testIds.narrow(0, sentence, 1);
            long[] row = ids.data<long>().ToArray();
            int tokens = Array.IndexOf(row, paddingId) is var end and >= 0 ? end : row.Length;
            int[] positions = Enumerable.Range(0, tokens).Where(k => piece(row[k]) is not null).ToArray();
            // Row 0: the sentence itself; row j + 1: the sentence with its j-th word piece masked (replaced by the padding id).
            using torch.Tensor occluded = ids.repeat(positions.Length + 1, 1);
            for (int j = 0; j < positions.Length; j++)
                occluded[j + 1, positions[j]] = torch.tensor(paddingId);
            using torch.Tensor probabilities = predict(occluded).cpu();
            long predicted = probabilities[0].argmax().item<long>();
            float baseline = probabilities[0, predicted].item<float>();
            // Occlusion works on token pieces; the explanation speaks of words, each the sum of its pieces' drops.
            var pieces = positions
                .Select((k, j) => (Piece: piece(row[k])!, Drop: (double)(baseline - probabilities[j + 1, predicted].item<float>())))
                .ToList();
            IReadOnlyList<(string Word, double Drop)> words = ModelDsl.Explain.SubwordMerge.ToWords(pieces);
            string text = string.Concat(pieces.Select(p => p.Piece)).Trim();

            output.WriteLine($"sentence {sentence}: \"{text}\"");
            output.WriteLine($"  predicted {NewsCorpus.Labels[predicted]} ({baseline:F3}); most influential words (drop in probability when hidden):");
            foreach (var (word, drop) in words.OrderByDescending(c => Math.Abs(c.Drop)).Take(5))
                output.WriteLine($"  {word,-20} {Math.Round(drop, 3),8:+0.000;-0.000;0.000}");
            ranking.AddRange(words.Select((w, i) => ($"sentence {sentence} word {i}: {w.Word}", w.Drop)));
            if (sentence == 0)
            {
                string chart = Path.Combine(outDir, "token-occlusion.png");
                ModelDsl.Explain.ChartWriter.Bars(words.Select(w => (w.Word, w.Drop)).ToList(), chart,
                    $"{model}: word occlusion ({NewsCorpus.Labels[predicted]})");
                charts.Add(chart);
            }
        }
        return new ExplainOutcome(model, ranking.OrderByDescending(r => r.Item2).ToList(), charts);
    }
}
