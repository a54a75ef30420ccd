using ModelDsl.Baselines;
using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Models.Catalog;

/// <summary><c>price-lstm</c>: next-day direction from 30-day windows of price features (simulated market by default).</summary>
internal sealed class PriceLstmModel : ShippedModel
{
    /// <summary>Days the default simulated market spans.</summary>
    public const int SimulatedDays = 4000;

    public override string Name => "price-lstm";

    public override string Description => "LSTM 128 over 30-day windows of returns/volatility, predicting next-day direction (--data prices.csv: date, close).";

    public override string Summary() => PriceLstm.Summary();

    public override TrainOutcome Train(TrainRequest request, TextWriter log)
    {
        TrainingOptions options = RunArtifacts.Apply(PriceLstmTrainer.DefaultOptions with { Monitor = "val_loss" }, request);
        using PriceWindows.Splits data = Load(request.DataPath, options.Seed, log);
        using PriceLstmTrainer trainer = PriceLstmTrainer.Create(options);
        // The standardisation fitted on the training days goes into every checkpoint: prediction must scale new prices
        // the way training did, not with statistics of whatever file it is given.
        TrainerSnapshot? resume = RunArtifacts.Prepare(trainer, request, options, log,
            new Dictionary<string, byte[]> { [ScalingFile] = data.Scaling.ToJson() });
        TrainingHistory history = trainer.Fit(data.Train, data.Validation, options, resume);
        string checkpoint = RunArtifacts.Finish(history, request, "price-lstm");
        EvaluationResult result = trainer.Evaluate(data.Test, options);
        // A drifting market makes "always up" hard to beat (S&P 500 2000–2020: 0.56 against persistence's 0.49).
        var majority = MajorityClassBaseline.Fit(data.Train.Labels.cpu().data<long>().ToArray().Select(l => (int)l).ToList());
        BaselineScore[] baselines =
        [
            new("persistence (tomorrow moves like today)", PersistenceBaseline.Accuracy(data.TestLastDirection, data.TestLabels)),
            new($"majority class (always {(majority.MajorityClass == 1 ? "up" : "down")})", majority.Accuracy(data.TestLabels)),
        ];
        return new TrainOutcome(Name, history.Epochs.Count, result.Values.ToDictionary(v => v.Key, v => v.Value), "accuracy",
            baselines, checkpoint, 0, history);
    }

    public override string ExportData(ExportDataRequest request, TextWriter log)
    {
        int seed = request.Seed ?? PriceLstmTrainer.DefaultOptions.Seed;
        // train's chronological splits, standardised with statistics of the training days (kept beside the shards).
        using PriceWindows.Splits data = Load(request.DataPath, seed, log);
        return WriteData(request, seed, data.Train, data.Validation, data.Test, new Dictionary<string, byte[]> { [ScalingFile] = data.Scaling.ToJson() });
    }

    protected override IReadOnlyList<string> StatisticsFiles => [ScalingFile];

    public override EvaluateOutcome Evaluate(EvaluateRequest request, TextWriter log)
    {
        using PriceLstmTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        using PriceWindows.Splits data = Load(RunArtifacts.Data(checkpoint, request.DataPath, log).Path,
            RunArtifacts.Seed(checkpoint, PriceLstmTrainer.DefaultOptions.Seed), log, Scaling(checkpoint));
        EvaluationResult result = trainer.Evaluate(data.Test, trainer.Options);
        return new EvaluateOutcome(Name, result.Values.ToDictionary(v => v.Key, v => v.Value), checkpoint.Directory);
    }

    public override void Predict(PredictRequest request, TextWriter output)
    {
        double[] closes = PriceWindows.ReadCloses(request.InputPath);
        using PriceLstmTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        using torch.Tensor window = PriceWindows.LatestWindow(closes, Scaling(checkpoint));
        using torch.Tensor probabilities = trainer.Predict(window).cpu();
        WriteForecast(output, probabilities[0, 1].item<float>(), request.InputPath);
    }

    /// <summary>As <see cref="Predict"/>, from an exported file, which carries the checkpoint's price scaling in its metadata.</summary>
    public override void PredictOnnx(string onnxPath, string inputPath, TextWriter output)
    {
        double[][] probabilities = OnnxPrediction.Run(onnxPath, PriceLstm.SpecHash, Name, onnx =>
        {
            FeatureScaling scaling = Scaling(OnnxPrediction.CarriedFile(onnx, ScalingFile), $"{onnx.Path} ({ModelDsl.Onnx.OnnxMetadata.FilePrefix}{ScalingFile})");
            return (1, new Dictionary<string, Array> { [onnx.InputNames.Single()] = PriceWindows.LatestWindowValues(PriceWindows.ReadCloses(inputPath), scaling) });
        });
        WriteForecast(output, probabilities[0][1], inputPath);
    }

    private static void WriteForecast(TextWriter output, double up, string inputPath) =>
        output.WriteLine($"P(up next day) = {up:F4} for the day after the last day of {inputPath}");

    protected override (TorchSharp.torch.nn.Module Module, string SpecHash) NewModule() => (new PriceLstm(), PriceLstm.SpecHash);

    public override ExplainOutcome Explain(ExplainRequest request, TextWriter output)
    {
        using PriceLstmTrainer trainer = LoadTrainer(request.Checkpoint, request.Device, out CheckpointInfo checkpoint);
        string? dataPath = RunArtifacts.Data(checkpoint, request.DataPath, output).Path;
        using PriceWindows.Splits data = Load(dataPath, RunArtifacts.Seed(checkpoint, PriceLstmTrainer.DefaultOptions.Seed), output, Scaling(checkpoint));
        var explainer = new SequenceExplainer(new ClassifierExplanation<PriceLstm>(trainer, "up"), PriceWindows.FeatureNames);
        string windows = $"the last {data.Test.Count} windows of {dataPath ?? "the simulated market"} (the test split, the last 15 % in time order, as train held it out)";
        return explainer.Explain(Name, data.Test, windows, data.Train.Features, request.OutDir, output);
    }

    private static PriceWindows.Splits Load(string? dataPath, int seed, TextWriter log, FeatureScaling? scaling = null)
    {
        double[] closes = dataPath is null ? MarketSimulator.Simulate(SimulatedDays, seed) : PriceWindows.ReadCloses(dataPath);
        log.WriteLine(dataPath is null ? $"data: simulated market, {closes.Length} days (seed {seed})" : $"data: {closes.Length} daily closes from {dataPath}");
        return PriceWindows.Build(closes, scaling);
    }

    /// <summary>The checkpoint's file holding the standardisation fitted when the model was trained.</summary>
    public const string ScalingFile = "price-scaling.json";

    private static FeatureScaling Scaling(CheckpointInfo checkpoint) =>
        Scaling(CheckpointStore.ReadExtraFile(checkpoint, ScalingFile), Path.Combine(checkpoint.Directory, ScalingFile));

    /// <summary>The price scaling in <paramref name="json"/>, checked to be the price features'; <paramref name="source"/> names it in errors.</summary>
    private static FeatureScaling Scaling(byte[] json, string source) =>
        FeatureScaling.FromJson(json, source, PriceWindows.ScalingRecord, PriceWindows.FeatureNames);

    private static PriceLstmTrainer LoadTrainer(string checkpointPath, string device, out CheckpointInfo checkpoint) =>
        RunArtifacts.LoadTrainer<PriceLstmTrainer, PriceLstm>(checkpointPath, device, PriceLstmTrainer.DefaultOptions,
            options => new PriceLstmTrainer(new PriceLstm(), options) { OwnsModel = true }, out checkpoint);
}
