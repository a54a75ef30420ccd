using ModelDsl.Data;
using ModelDsl.Explain;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Models.Catalog;

/// <summary>
/// Explains a classifier over [time, features] or [features] inputs: permutation importance per feature on held-out
/// examples, and integrated gradients for the first of them against the mean of the training inputs.
/// </summary>
internal sealed class SequenceExplainer(IExplainableTrainer trainer, IReadOnlyList<string> featureNames)
{
    /// <param name="heldOut">The examples to explain: the test split of the data the model was trained on.</param>
    /// <param name="heldOutRows">Which rows those are, in words, printed first (e.g. "data rows 851–1000 of FILE").</param>
    /// <param name="training">The featurized training split; its mean per input column is the integrated-gradients
    /// reference. An all-zero reference would give columns that never change (a one-hot column of a category every
    /// applicant has) a share of the prediction; against the mean they get none.</param>
    /// <param name="attributionGroups">The groups over the columns the attributions come in: <paramref name="groups"/>
    /// unless the model embeds enums, whose attributions are over its embedded columns (a featurizer's <c>EmbeddedGroups</c>).</param>
    public ExplainOutcome Explain(string model, InMemoryDataset heldOut, string heldOutRows, torch.Tensor training, string outDir, TextWriter output,
        IReadOnlyList<FeatureGroup>? groups = null, IReadOnlyList<FeatureGroup>? attributionGroups = null)
    {
        groups ??= featureNames.Select((name, i) => new FeatureGroup(name, [i])).ToList();
        attributionGroups ??= groups;
        output.WriteLine($"held-out examples: {heldOutRows}");
        float[] targets = heldOut.Labels.to(torch.float32).data<float>().ToArray();
        IReadOnlyList<FeatureImportance> ranking = PermutationImportance.Compute(trainer.PositiveScores, heldOut.Features, targets,
            trainer.Score, groups, repeats: 3, seed: 1);

        output.WriteLine($"Permutation importance on {heldOut.Count} held-out examples (drop in {trainer.ScoreName} when a feature is shuffled):");
        output.WriteLine($"{"feature",-28} {"importance",10} {"± std",8}");
        foreach (FeatureImportance item in ranking)
            output.WriteLine($"{item.Feature,-28} {item.Importance,10:F4} {item.StandardDeviation,8:F4}");

        using torch.Tensor example = heldOut.Features.narrow(0, 0, 1);
        float[] attributions = trainer.Attributions(example, training);
        long width = attributions.Length / Math.Max(1, example.numel() / example.shape[^1]);
        var perFeature = attributionGroups.Select(g => (g.Name, Sum: g.Columns.Sum(c => Enumerable.Range(0, attributions.Length).Where(i => i % width == c).Sum(i => (double)attributions[i])))).ToList();
        output.WriteLine();
        output.WriteLine($"Integrated gradients for the first held-out example (contribution to the logit of '{trainer.TargetClass}', " +
            $"against the mean of the {training.shape[0]} training inputs):");
        foreach (var (name, sum) in perFeature.OrderByDescending(p => Math.Abs(p.Sum)))
            output.WriteLine($"{name,-28} {sum,10:+0.0000;-0.0000}");

        Directory.CreateDirectory(outDir);
        string importanceChart = Path.Combine(outDir, "permutation-importance.png");
        ChartWriter.Bars(ranking.Select(r => (r.Feature, r.Importance)).ToList(), importanceChart, $"{model}: permutation importance");
        string attributionChart = Path.Combine(outDir, "integrated-gradients.png");
        ChartWriter.Bars(perFeature.OrderByDescending(p => Math.Abs(p.Sum)).Select(p => (p.Name, p.Sum)).ToList(), attributionChart, $"{model}: integrated gradients (example 0)");
        return new ExplainOutcome(model, ranking.Select(r => (r.Feature, r.Importance)).ToList(), [importanceChart, attributionChart]);
    }
}

/// <summary>What <see cref="SequenceExplainer"/> needs from a trained classifier.</summary>
internal interface IExplainableTrainer
{
    string ScoreName { get; }

    /// <summary>The class whose logit the attributions explain, by name (e.g. <c>default</c>, <c>up</c>).</summary>
    string TargetClass { get; }

    float[] PositiveScores(torch.Tensor inputs);

    double Score(float[] predictions, float[] targets);

    /// <summary>Integrated-gradients attributions of one example against the mean of <paramref name="training"/> (the featurized training rows).</summary>
    float[] Attributions(torch.Tensor example, torch.Tensor training);
}

/// <summary>
/// Adapts a generated trainer of a classifier: scores are ROC AUC on P(last class), and attributions target the last
/// class (the single output of a binary model), named <paramref name="targetClass"/>.
/// </summary>
internal sealed class ClassifierExplanation<TModel>(ModelTrainer<TModel> trainer, string targetClass) : IExplainableTrainer
    where TModel : torch.nn.Module<torch.Tensor, torch.Tensor>
{
    public string ScoreName => "ROC AUC";

    public string TargetClass => targetClass;

    public float[] PositiveScores(torch.Tensor inputs)
    {
        using var scope = torch.NewDisposeScope();
        torch.Tensor predictions = trainer.Predict(inputs).cpu();
        torch.Tensor positive = predictions.dim() == 2 ? predictions.select(1, predictions.shape[1] - 1) : predictions;
        return positive.data<float>().ToArray();
    }

    public double Score(float[] predictions, float[] targets) => MetricCalculator.RocAuc(predictions, targets, 1f);

    public float[] Attributions(torch.Tensor example, torch.Tensor training)
    {
        int target = trainer.Output.Task == ModelTask.MultiClass ? trainer.Output.Units - 1 : 0;
        using var scope = torch.NewDisposeScope();
        torch.Tensor x = example.to(trainer.Device), rows = training.to(example.dtype).to(trainer.Device);
        // A member index has no gradient: a model with embedded enums is attributed after its embeddings.
        return trainer.Model is IFeatureEmbedding
            ? IntegratedGradients.ExplainEmbedded(trainer.Model, x, rows, target).Attributions
            : IntegratedGradients.Compute(trainer.Model, x, rows.mean([0], keepdim: true), target);
    }
}
