using System.Diagnostics;
using ModelDsl.Checkpoints;
using ModelDsl.Data;
using ModelDsl.Devices;
using ModelDsl.Explain;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ModelDsl.Training;

/// <summary>
/// The training loop behind every generated <c>XxxTrainer</c>. The generated subclass supplies what is known at compile
/// time (task, classes, inputs, spec hash, declared options, how logits become predictions, how the module is called on
/// its inputs); this class runs epochs. Every call of the model (a training step, evaluation, prediction, an explanation)
/// goes through <see cref="Forward"/>.
/// Each step runs in a dispose scope; loss and accuracy are summed on the device and read once per epoch, so there is no
/// host sync per batch unless <see cref="TrainingOptions.LogEverySteps"/> asks for it.
/// </summary>
/// <typeparam name="TModel">The generated module: a <c>Module&lt;Tensor, Tensor&gt;</c> for one input, or one taking a tensor per input whose trainer overrides <see cref="Forward"/>.</typeparam>
public abstract class ModelTrainer<TModel> : IDisposable where TModel : nn.Module
{
    private OptimizerHelper? _optimizer;
    private optim.lr_scheduler.LRScheduler? _scheduler;
    private TrainingOptions? _optimizerOptions;
    // The parameters this trainer's Freeze option switched off, so a later run with other options switches them on again.
    private readonly HashSet<string> _frozenByOptions = new(StringComparer.Ordinal);
    // False for the one-shape constructor: its input's kind is undeclared, so data is checked as before (floats or ids).
    private readonly bool _kindsDeclared;
    private readonly string[] _inputNames;

    /// <summary>
    /// Wraps <paramref name="model"/>, a module of one input named "input" of shape <paramref name="inputShape"/>, with
    /// its compile-time facts and declared options. The input's kind is not declared: it may hold floats or int64 token ids.
    /// </summary>
    protected ModelTrainer(TModel model, TrainingOptions options, ModelOutput output, IReadOnlyList<long> inputShape, string specHash)
        : this(model, options, output, [new ModelInput(ModelInputs.DefaultName, inputShape, ModelInputKind.Float)], specHash, kindsDeclared: false)
    {
    }

    /// <summary>Wraps <paramref name="model"/>, a module of the declared <paramref name="inputs"/>, with its compile-time facts and declared options.</summary>
    /// <exception cref="ArgumentException">There are no inputs, or two have one name.</exception>
    protected ModelTrainer(TModel model, TrainingOptions options, ModelOutput output, IReadOnlyList<ModelInput> inputs, string specHash)
        : this(model, options, output, inputs, specHash, kindsDeclared: true)
    {
    }

    private ModelTrainer(TModel model, TrainingOptions options, ModelOutput output, IReadOnlyList<ModelInput> inputs, string specHash, bool kindsDeclared)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (inputs.Count == 0)
            throw new ArgumentException("A model declares at least one input.", nameof(inputs));
        ModelInputs.ThrowIfRepeated(inputs.Select(i => i.Name), nameof(inputs));
        Model = model;
        Options = options;
        Output = output;
        Inputs = inputs.ToArray();
        _inputNames = inputs.Select(i => i.Name).ToArray();
        SpecHash = specHash;
        _kindsDeclared = kindsDeclared;
    }

    /// <summary>The model being trained.</summary>
    public TModel Model { get; }

    /// <summary>
    /// True when this trainer owns <see cref="Model"/> (a generated <c>Create</c> sets it, or whoever hands over a model it made for the trainer) and so disposes it with itself;
    /// false for a model handed to the constructor, which stays the caller's to dispose.
    /// </summary>
    public bool OwnsModel { get; init; }

    /// <summary>The options used when <c>Fit</c> is not given others.</summary>
    public TrainingOptions Options { get; }

    /// <summary>What the output predicts.</summary>
    public ModelOutput Output { get; }

    /// <summary>
    /// The inputs the model declares, in the order its forward takes them. A trainer made with the one-shape constructor
    /// has one, named "input", reported as <see cref="ModelInputKind.Float"/> though it also takes int64 token ids, as before.
    /// </summary>
    public IReadOnlyList<ModelInput> Inputs { get; }

    /// <summary>One example's input shape (no batch dimension) of a one-input model.</summary>
    /// <exception cref="InvalidOperationException">The model has several inputs: see <see cref="Inputs"/>.</exception>
    public IReadOnlyList<long> InputShape => Inputs.Count == 1
        ? Inputs[0].Shape
        : throw new InvalidOperationException(
            $"{typeof(TModel).Name} has {Inputs.Count} inputs ({ModelInputs.Describe(Inputs.Select(i => i.Name))}), so it has no single input shape; see Inputs.");

    /// <summary>The architecture hash checkpoints record.</summary>
    public string SpecHash { get; }

    /// <summary>Where progress goes; null for silence.</summary>
    public ITrainingProgress? Progress { get; set; }

    /// <summary>
    /// Hooks called at train begin, after every batch, at every epoch end and at train end, in this order (a checkpoint
    /// writer, a TensorBoard logger, an <see cref="EarlyStopping"/>). The ones the options ask for
    /// (<see cref="TrainingOptions.Patience"/>, <see cref="TrainingOptions.RestoreBestWeights"/>) are made by each
    /// <c>Fit</c> and run before these.
    /// </summary>
    public IList<ITrainingCallback> Callbacks { get; } = [];

    /// <summary>The optimizer of the current run (created by <see cref="PrepareOptimizer"/> or <c>Fit</c>).</summary>
    public OptimizerHelper? Optimizer => _optimizer;

    /// <summary>The device the model is on once training or prediction started.</summary>
    public Device Device { get; private set; } = CPU;

    /// <summary>
    /// Moves the model to the options' device and creates the optimizer, so saved optimizer state can be loaded into it
    /// before <c>Fit</c> resumes.
    /// </summary>
    public OptimizerHelper PrepareOptimizer(TrainingOptions? options = null)
    {
        options ??= Options;
        MoveToDevice(options);
        if (_optimizer is null || !ReferenceEquals(_optimizerOptions, options))
        {
            _optimizer?.Dispose();
            _optimizer = CreateOptimizer(options);
            _optimizerOptions = options;
        }
        return _optimizer;
    }

    /// <summary>
    /// Moves the model to the options' device and makes it <see cref="Device"/>, without creating an optimizer: what a
    /// loaded checkpoint needs before <c>Predict</c> or an explanation, which take their inputs to <see cref="Device"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The device name is not understood.</exception>
    /// <exception cref="InvalidOperationException">The device is not available (e.g. CUDA on a machine without it).</exception>
    public Device MoveToDevice(TrainingOptions? options = null)
    {
        Device = DeviceSelector.Resolve((options ?? Options).Device);
        Model.to(Device);
        return Device;
    }

    /// <summary>Trains on <paramref name="train"/>, validating on <paramref name="validation"/> (or a split of the training data).</summary>
    /// <param name="resumeFrom">State of an interrupted run to continue (weights and optimizer state must already be loaded).</param>
    /// <exception cref="InvalidDataException">The data does not fit the model (wrong shape, labels out of range, NaN features, empty).</exception>
    /// <exception cref="ArgumentException">An option cannot work (batch size 0, a validation split that leaves no data, a monitor name that is never recorded).</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    public TrainingHistory Fit(InMemoryDataset train, InMemoryDataset? validation = null, TrainingOptions? options = null,
        TrainerSnapshot? resumeFrom = null, CancellationToken cancellationToken = default)
    {
        options ??= Options;
        CheckRunOptions(options);
        ValidateShapes(train.Count, train.Inputs.ExampleShapes, "training data");
        if (validation is not null)
            ValidateShapes(validation.Count, validation.Inputs.ExampleShapes, "validation data");
        Device = DeviceSelector.Resolve(options.Device);

        // The data is copied to the device once, before the value checks: the checks, every batch (an on-device
        // index_select) and every validation pass then read it where it lives. On a GPU the checks cost little there,
        // and validation data is not copied to the device again at each epoch.
        using InMemoryDataset? trainCopy = train.CopyTo(Device);
        using InMemoryDataset? validationCopy = validation?.CopyTo(Device);
        InMemoryDataset trainData = trainCopy ?? train;
        InMemoryDataset? validationData = validationCopy ?? validation;
        Validate(trainData, "training data");
        if (validationData is not null)
            Validate(validationData, "validation data");

        InMemoryDataset? head = null, split = null;
        try
        {
            if (validationData is null && options.ValidationSplit > 0)
            {
                // Views, not copies: the split part was checked above as training data rows, with their original numbers.
                (head, split) = trainData.SplitLastViews(options.ValidationSplit);
                trainData = head;
                validationData = split;
            }
            using var loader = new BatchLoader(trainData, options.BatchSize, Device, shuffle: true, options.Seed);
            return Run(loader, validationData, options, resumeFrom, cancellationToken);
        }
        finally
        {
            head?.Dispose();
            split?.Dispose();
        }
    }

    /// <summary>
    /// Trains on data streamed from <paramref name="train"/>'s reader (too large for memory or the device): a background
    /// task reads and copies batches ahead of the step, in the same (seed, epoch) order as the in-memory path.
    /// Validation data, when given, is held in memory.
    /// </summary>
    /// <param name="resumeFrom">State of an interrupted run to continue (weights and optimizer state must already be loaded).</param>
    /// <exception cref="InvalidDataException">The data is empty or its examples do not have the model's input shape.</exception>
    /// <exception cref="ArgumentException">An option cannot work (batch size 0; a validation split, which needs in-memory data; a monitor name that is never recorded).</exception>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite.</exception>
    /// <remarks>Rows are read lazily, so label ranges and finite features are checked by the loss, not up front.</remarks>
    public TrainingHistory Fit(StreamingDataset train, InMemoryDataset? validation = null, TrainingOptions? options = null,
        TrainerSnapshot? resumeFrom = null, CancellationToken cancellationToken = default)
    {
        options ??= Options;
        CheckRunOptions(options);
        if (validation is null && options.ValidationSplit > 0)
            throw new ArgumentException(
                $"A validation split ({options.ValidationSplit}) needs in-memory data; pass validation data, or set ValidationSplit = 0 to train without.", nameof(options));
        ValidateShapes(train.Count, train.InputShapes, "training data");
        if (validation is not null)
            ValidateShapes(validation.Count, validation.Inputs.ExampleShapes, "validation data");
        Device = DeviceSelector.Resolve(options.Device);
        // Validation data goes to the device once, as in the in-memory overload, not at every epoch's evaluation.
        using InMemoryDataset? validationCopy = validation?.CopyTo(Device);
        InMemoryDataset? validationData = validationCopy ?? validation;
        if (validationData is not null)
            Validate(validationData, "validation data");
        var loader = new PrefetchingBatchLoader(train, options.BatchSize, Device, shuffle: true, options.Seed);
        return Run(loader, validationData, options, resumeFrom, cancellationToken);
    }

    /// <summary>The checks that need no rows (see <see cref="DatasetValidator.ValidateShapes"/>), as this trainer's constructor asks.</summary>
    private void ValidateShapes(long count, IReadOnlyList<(string Name, IReadOnlyList<long> Shape)> examples, string what)
    {
        if (!_kindsDeclared && examples.Count == 1)
            DatasetValidator.ValidateShape(count, examples[0].Shape, InputShape, what);
        else
            DatasetValidator.ValidateShapes(count, examples, Inputs, what);
    }

    /// <summary>Every check of <see cref="DatasetValidator"/>: with declared kinds per input, otherwise as for one input of either kind.</summary>
    private void Validate(InMemoryDataset data, string what)
    {
        if (!_kindsDeclared && data.Inputs.Count == 1)
            DatasetValidator.Validate(data, InputShape, Output, what);
        else
            DatasetValidator.Validate(data, Inputs, Output, what);
    }

    /// <summary>
    /// Runs the model on one batch of inputs, named and ordered as <see cref="Inputs"/> declares them, and returns its
    /// output (logits, or values for regression). The default calls a <c>Module&lt;Tensor, Tensor&gt;</c> on the one input;
    /// a generated trainer of a model with other inputs overrides it to call the module with each input by name.
    /// </summary>
    /// <exception cref="InvalidOperationException">The model is not a one-input module and the trainer does not override this.</exception>
    protected virtual Tensor Forward(ModelInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (Model is nn.Module<Tensor, Tensor> oneInput && inputs.Count == 1)
            return oneInput.call(inputs[0]);
        throw new InvalidOperationException(
            $"{GetType().Name} must override Forward(ModelInputs): {typeof(TModel).Name} is not a Module<Tensor, Tensor> called on one input " +
            $"(the batch has {inputs.Count}: {ModelInputs.Describe(inputs.Names)}), so the trainer cannot call it by itself.");
    }

    /// <summary>
    /// <see cref="Forward"/> on <paramref name="inputs"/> named and ordered as declared: one-input data of any name is
    /// the model's one input, and named inputs in another order are re-ordered (aliases in the current dispose scope).
    /// </summary>
    private Tensor RunForward(ModelInputs inputs)
    {
        if (inputs.Names.SequenceEqual(_inputNames))
            return Forward(inputs);
        int[] order = DatasetValidator.Match(inputs.Names, Inputs, "batch");
        var arranged = new ModelInputs(Inputs.Select((input, i) => (input.Name, inputs[order[i]].alias())).ToArray());
        return Forward(arranged);
    }

    private static void CheckRunOptions(TrainingOptions options)
    {
        if (options.BatchSize < 1)
            throw new ArgumentException($"Batch size must be at least 1 (got {options.BatchSize}).", nameof(options));
        if (options.Epochs < 1)
            throw new ArgumentException($"Epochs must be at least 1 (got {options.Epochs}).", nameof(options));
        if (options.AccumulateSteps < 1)
            throw new ArgumentException($"AccumulateSteps must be at least 1 (got {options.AccumulateSteps}).", nameof(options));
        if (options.WarmupSteps < 0 || options.WarmupRatio is < 0 or >= 1 || double.IsNaN(options.WarmupRatio))
            throw new ArgumentException(
                $"Warm-up needs WarmupSteps ≥ 0 and WarmupRatio in [0, 1) (got {options.WarmupSteps} and {options.WarmupRatio}).", nameof(options));
        IReadOnlyList<string> monitorable = MonitorableNames(options);
        if (options.Monitor is null || !monitorable.Contains(options.Monitor))
            throw new ArgumentException(
                $"Monitor '{options.Monitor}' is never recorded with these metrics; valid names: {string.Join(", ", monitorable)} " +
                "(a val_ name without validation data watches the training value of the same name when there is one, otherwise loss).",
                nameof(options));
    }

    /// <summary>The training values recorded every epoch: the loss, and the accuracy when it is a declared metric (the others need a full pass).</summary>
    private static List<string> TrainingValueNames(TrainingOptions options) =>
        options.Metrics.Contains(Metric.Accuracy) ? ["loss", MetricNames.Of(Metric.Accuracy)] : ["loss"];

    /// <summary>Every name an epoch record can hold: the training values, and with validation data the loss and every declared metric.</summary>
    private static List<string> MonitorableNames(TrainingOptions options) =>
        [.. TrainingValueNames(options), "val_loss", .. options.Metrics.Select(m => "val_" + MetricNames.Of(m))];

    /// <summary>
    /// The name this run watches, decided once so that its direction (<see cref="MetricNames.HigherIsBetter"/>) always
    /// matches the value compared: without validation data a <c>val_</c> name falls back to the training value of the
    /// same name when it is recorded (<c>val_accuracy</c> → <c>accuracy</c>), otherwise to <c>loss</c> — never to the loss
    /// judged as if higher were better.
    /// </summary>
    private static string EffectiveMonitor(TrainingOptions options, bool validates)
    {
        string monitor = options.Monitor;
        if (validates || !monitor.StartsWith("val_", StringComparison.Ordinal))
            return monitor;
        string training = monitor["val_".Length..];
        return TrainingValueNames(options).Contains(training) ? training : "loss";
    }

    private TrainingHistory Run(IBatchSource loader, InMemoryDataset? validation, TrainingOptions options, TrainerSnapshot? resumeFrom,
        CancellationToken cancellationToken)
    {
        if (resumeFrom is null)
            torch.manual_seed(options.Seed);
        OptimizerHelper optimizer = PrepareOptimizer(options);
        if (resumeFrom is not null && options.Schedule is not LearningRateSchedule.None)
            // Loaded optimizer state carries the schedule's last learning rate; ReplaySchedule below starts from the initial one.
            foreach (var group in optimizer.ParamGroups)
                group.LearningRate = options.LearningRate;
        string monitor = EffectiveMonitor(options, validation is not null);
        bool higherIsBetter = MetricNames.HigherIsBetter(monitor);
        long stepsPerEpoch = WarmupSchedule.OptimizerStepsPerEpoch(loader.BatchesPerEpoch, options.AccumulateSteps);
        _scheduler = CreateScheduler(options, optimizer, stepsPerEpoch, higherIsBetter);

        var history = new TrainingHistory(resumeFrom?.History);
        int firstEpoch = 1;
        long step = 0;
        // The run's own record of its monitor, kept in every snapshot; early stopping and best weights track theirs as callbacks.
        var monitorState = new ImprovementTracker(higherIsBetter, options.MinDelta);
        if (resumeFrom is not null)
        {
            firstEpoch = resumeFrom.Epoch + 1;
            step = resumeFrom.Step;
            monitorState.Restore(resumeFrom.BestMonitorValue, resumeFrom.EpochsWithoutImprovement);
            using Tensor state = torch.tensor(resumeFrom.RngState);
            torch.set_rng_state(state);
            ReplaySchedule(options, resumeFrom, monitor, stepsPerEpoch);
        }

        var context = new TrainingContext(Model, optimizer, options, Device, history, monitor,
            RecordedNames(options, validation is not null), loader.BatchesPerEpoch, firstEpoch, step);
        List<ITrainingCallback> optionCallbacks = OptionCallbacks(options);
        try
        {
            ITrainingCallback[] callbacks = [.. optionCallbacks, .. Callbacks];
            foreach (ITrainingCallback callback in callbacks)
                callback.OnTrainBegin(context);
            for (int epoch = firstEpoch; epoch <= options.Epochs && !context.StopTraining; epoch++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                double learningRate = CurrentLearningRate(optimizer);
                context.Epoch = epoch;
                (double loss, double accuracy, long steps) = TrainEpoch(loader, optimizer, options, context, callbacks);
                step += steps;
                context.Step = step;

                var values = new List<KeyValuePair<string, double>> { new("loss", loss) };
                if (options.Metrics.Contains(Metric.Accuracy))
                    values.Add(new("accuracy", accuracy));
                if (validation is not null)
                    foreach (var (name, value) in Evaluate(validation, options).Values)
                        values.Add(new("val_" + name, value));
                var record = new EpochRecord(epoch, values, learningRate, clock.Elapsed.TotalSeconds);
                history.Add(record);
                Progress?.EpochCompleted(record, options.Epochs);

                double current = record[monitor];
                monitorState.Observe(current);
                StepEpochScheduler(options, current);
                var snapshot = new TrainerSnapshot(epoch, step, monitorState.Best, monitorState.EpochsWithoutImprovement, history.Epochs.ToList(), RngStateBytes());
                foreach (ITrainingCallback callback in callbacks)
                    callback.OnEpochEnd(context, snapshot);
                if (context.StopTraining)
                    history.StoppedEarlyAt = epoch;
            }
            foreach (ITrainingCallback callback in callbacks)
                callback.OnTrainEnd(context);
            return history;
        }
        finally
        {
            foreach (IDisposable disposable in optionCallbacks.OfType<IDisposable>())
                disposable.Dispose();
        }
    }

    /// <summary>The callbacks the options ask for, first in every run: early stopping and best-weight restore on the run's monitor.</summary>
    private static List<ITrainingCallback> OptionCallbacks(TrainingOptions options)
    {
        var callbacks = new List<ITrainingCallback>();
        if (options.RestoreBestWeights)
            callbacks.Add(new BestWeightsRestorer(minDelta: options.MinDelta));
        if (options.Patience > 0)
            callbacks.Add(new EarlyStopping(options.Patience, minDelta: options.MinDelta));
        return callbacks;
    }

    /// <summary>The names this run's epoch records hold: the training values, and with validation data the loss and every declared metric.</summary>
    private static List<string> RecordedNames(TrainingOptions options, bool validates) =>
        validates ? MonitorableNames(options) : TrainingValueNames(options);

    private (double Loss, double Accuracy, long Steps) TrainEpoch(IBatchSource loader, OptimizerHelper optimizer, TrainingOptions options,
        TrainingContext context, ITrainingCallback[] callbacks)
    {
        int epoch = context.Epoch;
        long stepsBefore = context.Step;
        Model.train();
        long batches = loader.BatchesPerEpoch;
        Progress?.EpochStarted(epoch, options.Epochs, batches);
        // Each batch's mean loss, kept on the device and read once at the end of the epoch (or per log interval): one
        // copy per step instead of a host sync, and the first non-finite entry gives the step where training diverged.
        using Tensor stepLosses = torch.zeros(batches, dtype: float32, device: Device);
        using Tensor correct = torch.zeros(1, dtype: int64, device: Device);
        bool trackAccuracy = options.Metrics.Contains(Metric.Accuracy);
        bool clip = options.GradientClipNorm > 0;
        IList<Parameter> parameters = Model.parameters().ToList();
        int accumulate = options.AccumulateSteps;
        long examples = 0;
        long batch = 0;
        foreach ((ModelInputs x, Tensor y) in loader.InputBatches(epoch))
        {
            using var scope = torch.NewDisposeScope();
            // Batches arrive outside any scope (possibly from a background reader): this step's scope owns them.
            foreach (Tensor input in x)
                scope.Attach(input);
            scope.Attach(y);
            // Gradients add up over a group of `accumulate` batches (the epoch's last group may be shorter); each batch's
            // loss is divided by its group's size, so one step sees the mean gradient of the group.
            long groupStart = batch - batch % accumulate;
            long groupSize = Math.Min(accumulate, batches - groupStart);
            if (batch == groupStart)
                optimizer.zero_grad();
            Tensor output = RunForward(x);
            Tensor loss = ComputeLoss(output, y, options);
            (groupSize > 1 ? loss / groupSize : loss).backward();
            if (batch + 1 == groupStart + groupSize)
            {
                if (clip)
                    ClipGradientNorm(parameters, options.GradientClipNorm);
                optimizer.step();
                if (StepsPerBatchGroup(options))
                    _scheduler?.step();
            }

            Tensor stepLoss = loss.detach();
            stepLosses[batch] = stepLoss;
            if (trackAccuracy)
                correct.add_(PredictedClass(output).eq(y.reshape(-1)).sum());
            examples += x.Rows;

            if (options.LogEverySteps > 0 && (batch + 1) % options.LogEverySteps == 0)
                ThrowIfDiverged(stepLosses, batch + 1, epoch, optimizer);
            batch++;
            context.Step = stepsBefore + batch;
            if (callbacks.Length > 0)
            {
                // The loss stays a device tensor: a callback that reads it decides how often the device syncs.
                var result = new BatchResult(epoch, batch, context.Step, x.Rows, stepLoss);
                foreach (ITrainingCallback callback in callbacks)
                    callback.OnBatchEnd(context, result);
            }
            Progress?.BatchCompleted(epoch, batch);
        }
        float[] losses = ThrowIfDiverged(stepLosses, batches, epoch, optimizer);
        // All batches are full except possibly the last: weight each mean loss by its batch size.
        double lossSum = 0;
        for (long b = 0; b < batches; b++)
            lossSum += losses[b] * (double)Math.Min(loader.BatchSize, examples - b * loader.BatchSize);
        return (lossSum / examples, trackAccuracy ? correct.item<long>() / (double)examples : double.NaN, batches);
    }

    /// <summary>
    /// Scales gradients so their global L2 norm is at most <paramref name="maxNorm"/>, as
    /// <c>torch.nn.utils.clip_grad_norm_</c> does, but without reading the norm back to the host (TorchSharp's version
    /// returns it as a double, a device sync per batch).
    /// </summary>
    private static void ClipGradientNorm(IList<Parameter> parameters, double maxNorm)
    {
        Tensor[] grads = parameters.Select(p => p.grad).OfType<Tensor>().ToArray();
        if (grads.Length == 0)
            return;
        using var noGrad = torch.no_grad();
        Tensor total = torch.stack(grads.Select(g => g.detach().norm()).ToArray()).norm();
        Tensor scale = (total + 1e-6).reciprocal().mul(maxNorm).clamp_max(1.0);
        foreach (Tensor grad in grads)
            grad.mul_(scale);
    }

    /// <summary>Reads the first <paramref name="completed"/> step losses (one sync) and stops at the first that is not finite.</summary>
    private static float[] ThrowIfDiverged(Tensor stepLosses, long completed, int epoch, OptimizerHelper optimizer)
    {
        using Tensor host = stepLosses.narrow(0, 0, completed).cpu();
        float[] losses = host.data<float>().ToArray();
        int bad = Array.FindIndex(losses, l => !float.IsFinite(l));
        if (bad >= 0)
            throw new TrainingDivergedException(epoch, bad + 1, CurrentLearningRate(optimizer));
        return losses;
    }

    /// <summary>Loss and every requested metric on <paramref name="data"/>, in evaluation mode.</summary>
    public EvaluationResult Evaluate(InMemoryDataset data, TrainingOptions? options = null)
    {
        options ??= Options;
        Validate(data, "evaluation data");
        if (_optimizer is null)
            MoveToDevice(options);
        (float[] predictions, float[] targets, double loss) = PredictAll(data, options);
        var values = new List<KeyValuePair<string, double>> { new("loss", loss) };
        foreach (Metric metric in options.Metrics)
            values.Add(new(MetricNames.Of(metric), MetricCalculator.Compute(metric, Output, predictions, targets)));
        return new EvaluationResult(values, data.Count);
    }

    /// <summary>Predictions (probabilities for classifiers, values for regression) and targets for a whole dataset, plus the mean loss.</summary>
    public (float[] Predictions, float[] Targets, double Loss) PredictAll(InMemoryDataset data, TrainingOptions? options = null)
    {
        options ??= Options;
        bool wasTraining = Model.training;
        Model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            using var loader = new BatchLoader(data, Math.Max(options.BatchSize, 256), Device, shuffle: false, options.Seed);
            // Loss, predictions and targets stay on the device until the end: one host sync per evaluation, not per batch.
            using Tensor lossSum = torch.zeros(1, dtype: float64, device: Device);
            var predictions = new List<Tensor>();
            var targets = new List<Tensor>();
            try
            {
                for (long batch = 0; batch < loader.BatchesPerEpoch; batch++)
                {
                    using var scope = torch.NewDisposeScope();
                    (ModelInputs x, Tensor y) = loader.InputBatch(null, batch);
                    Tensor output = RunForward(x);
                    lossSum.add_(ComputeLoss(output, y, options).to(float64) * x.Rows);
                    predictions.Add(ToPrediction(output).to(float32).reshape(-1).DetachFromDisposeScope());
                    targets.Add(y.to(float32).reshape(-1).DetachFromDisposeScope());
                }
                using Tensor allPredictions = torch.cat(predictions, 0);
                using Tensor allTargets = torch.cat(targets, 0);
                using Tensor hostPredictions = allPredictions.to(CPU, copy: true);
                using Tensor hostTargets = allTargets.to(CPU, copy: true);
                return (hostPredictions.data<float>().ToArray(), hostTargets.data<float>().ToArray(), lossSum.item<double>() / data.Count);
            }
            finally
            {
                foreach (Tensor tensor in predictions.Concat(targets))
                    tensor.Dispose();
            }
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    /// <summary>
    /// Files to keep in every checkpoint next to the weights, by file name: state the model needs at prediction time that
    /// is not a parameter (a generated featurizer's fitted statistics). Empty unless a generated trainer adds some.
    /// </summary>
    public IReadOnlyDictionary<string, byte[]> CheckpointFiles()
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        AddCheckpointFiles(files);
        return files;
    }

    /// <summary>Adds this trainer's files to <see cref="CheckpointFiles"/>; generated trainers with a featurizer override it.</summary>
    protected virtual void AddCheckpointFiles(IDictionary<string, byte[]> files)
    {
    }

    /// <summary>
    /// Checkpoints this trainer's runs into <paramref name="store"/>: adds to <see cref="Callbacks"/>, and returns, a
    /// <see cref="CheckpointCallback"/> that saves the model's weights under its class name and spec hash, the optimizer
    /// of the run, the trainer state and every file of <see cref="CheckpointFiles"/> (a featurizer's fitted statistics),
    /// so a checkpoint made this way always holds what reloading needs.
    /// </summary>
    /// <param name="store">Where checkpoints go; its policy decides how often and what is kept.</param>
    /// <param name="finalEpoch">The run's last epoch, always saved; null: <see cref="TrainingOptions.Epochs"/> of <see cref="Options"/>.</param>
    /// <param name="extraFiles">Further files for every checkpoint (e.g. statistics fitted outside the trainer), by file name, or null.</param>
    /// <exception cref="ArgumentException">At save time: an extra file has the name of one of <see cref="CheckpointFiles"/>.</exception>
    public CheckpointCallback CheckpointTo(CheckpointStore store, int? finalEpoch = null, IReadOnlyDictionary<string, byte[]>? extraFiles = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var callback = new CheckpointCallback(store, Model, typeof(TModel).Name, SpecHash, () => _optimizer, finalEpoch ?? Options.Epochs,
            () => CheckpointFilesWith(extraFiles));
        Callbacks.Add(callback);
        return callback;
    }

    private Dictionary<string, byte[]> CheckpointFilesWith(IReadOnlyDictionary<string, byte[]>? extraFiles)
    {
        var files = new Dictionary<string, byte[]>(CheckpointFiles(), StringComparer.Ordinal);
        foreach ((string name, byte[] content) in extraFiles ?? new Dictionary<string, byte[]>())
            if (!files.TryAdd(name, content))
                throw new ArgumentException($"Extra checkpoint file '{name}' has the name of a file the trainer saves itself.", nameof(extraFiles));
        return files;
    }

    /// <summary>Probabilities ([N, classes] or [N] for binary) or values for a batch of a one-input model's inputs, on the model's device.</summary>
    public Tensor Predict(Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        // The wrapper holds an alias in this scope, so the caller's tensor stays the caller's.
        using var scope = torch.NewDisposeScope();
        return scope.MoveToOuter(Predict(ModelInputs.Single(inputs.alias())));
    }

    /// <summary>Probabilities ([N, classes] or [N] for binary) or values for a batch of named inputs, on the model's device.</summary>
    /// <exception cref="InvalidDataException">The inputs are not the ones the model declares.</exception>
    public Tensor Predict(ModelInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        bool wasTraining = Model.training;
        Model.eval();
        try
        {
            using var noGrad = torch.no_grad();
            using var scope = torch.NewDisposeScope();
            return scope.MoveToOuter(ToPrediction(RunForward(OnDevice(inputs))));
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    /// <summary>
    /// Integrated gradients (see <see cref="IntegratedGradients"/>) of one example through <see cref="Forward"/>, in
    /// evaluation mode: attributions to the float input <paramref name="input"/> (null: the only input), the other inputs
    /// held at the example's values.
    /// </summary>
    /// <param name="example">One example of every input, each with its batch axis, <c>[1, …]</c>.</param>
    /// <param name="baseline">The reference; only its tensor of <paramref name="input"/> is read (often all zeros).</param>
    /// <param name="target">Index into the model's output row (class logit; 0 for a single output).</param>
    /// <param name="input">The float input to attribute; null for a one-input model.</param>
    /// <param name="steps">Points on the path (midpoint rule), all evaluated in one batch.</param>
    /// <exception cref="ArgumentException">The input is token ids or unknown, the model embeds enums (see <see cref="IntegratedGradients.ExplainEmbedded"/>), the shapes differ, or as <see cref="IntegratedGradients.Explain(Func{ModelInputs, Tensor}, ModelInputs, ModelInputs, string, int, int)"/>.</exception>
    public IntegratedGradientsResult ExplainIntegratedGradients(ModelInputs example, ModelInputs baseline, int target, string? input = null, int steps = 64)
    {
        ArgumentNullException.ThrowIfNull(example);
        ArgumentNullException.ThrowIfNull(baseline);
        if (input is null && Inputs.Count != 1)
            throw new ArgumentException(
                $"{typeof(TModel).Name} has {Inputs.Count} inputs; name the one to attribute ({ModelInputs.Describe(Inputs.Where(i => i.Kind == ModelInputKind.Float).Select(i => i.Name))}).",
                nameof(input));
        string attributed = input ?? example.Names[0];
        ModelInput? declared = Inputs.Count == 1 && input is null ? Inputs[0] : Inputs.FirstOrDefault(i => i.Name == attributed);
        if (_kindsDeclared && declared is { Kind: ModelInputKind.TokenIds })
            throw new ArgumentException(
                $"Input '{attributed}' holds token ids, which have no gradient; integrated gradients attribute a float input.", nameof(input));
        if (Model is IFeatureEmbedding)
            // A member index has no gradient: every embedded enum would get zero credit, silently.
            throw new ArgumentException(
                $"{typeof(TModel).Name} embeds enum properties, whose member-index columns have no gradient; attribute the embedded features with IntegratedGradients.ExplainEmbedded instead.",
                nameof(input));
        bool wasTraining = Model.training;
        Model.eval();
        try
        {
            using var scope = torch.NewDisposeScope();
            return IntegratedGradients.Explain(RunForward, OnDevice(example), OnDevice(baseline), attributed, target, steps);
        }
        finally
        {
            Model.train(wasTraining);
        }
    }

    /// <summary><paramref name="inputs"/> on <see cref="Device"/>: themselves, or copies in the current dispose scope.</summary>
    private ModelInputs OnDevice(ModelInputs inputs) => inputs.AreOn(Device) ? inputs : inputs.Map(t => t.to(Device));

    /// <summary>Turns the model's output into predictions: softmax for multi-class, sigmoid for binary, identity for regression.</summary>
    protected virtual Tensor ToPrediction(Tensor output) => Output.Task switch
    {
        ModelTask.MultiClass => nn.functional.softmax(output, 1),
        ModelTask.Binary => nn.functional.sigmoid(output.reshape(-1)),
        _ => output,
    };

    /// <summary>The loss for a batch, from the options' loss (or the task's default when <see cref="Loss.Auto"/>).</summary>
    protected virtual Tensor ComputeLoss(Tensor output, Tensor target, TrainingOptions options)
    {
        Loss loss = options.Loss == Loss.Auto
            ? Output.Task switch { ModelTask.MultiClass => Loss.CrossEntropy, ModelTask.Binary => Loss.BinaryCrossEntropy, _ => Loss.Mse }
            : options.Loss;
        using var scope = torch.NewDisposeScope();
        Tensor? weights = options.ClassWeights is { Count: > 0 } w ? torch.tensor(w.Select(v => (float)v).ToArray(), device: output.device) : null;
        Tensor result = loss switch
        {
            Loss.CrossEntropy => nn.functional.cross_entropy(output, target.to(int64), weight: weights),
            Loss.BinaryCrossEntropy => nn.functional.binary_cross_entropy_with_logits(output.reshape(-1), target.reshape(-1).to(output.dtype), pos_weights: weights),
            Loss.Mae => nn.functional.l1_loss(output, target.reshape(output.shape).to(output.dtype)),
            Loss.Huber => nn.functional.huber_loss(output, target.reshape(output.shape).to(output.dtype)),
            _ => nn.functional.mse_loss(output, target.reshape(output.shape).to(output.dtype)),
        };
        return scope.MoveToOuter(result);
    }

    private Tensor PredictedClass(Tensor output) =>
        Output.Task == ModelTask.Binary ? output.reshape(-1).gt(0).to(int64) : output.argmax(1);

    private OptimizerHelper CreateOptimizer(TrainingOptions options)
    {
        List<Parameter> parameters = TrainableParameters(options);
        return options.Optimizer switch
        {
            ModelDsl.Optimizer.AdamW when options.WeightDecay > 0 && !options.DecayBiasAndNorm => optim.AdamW(DecayGroups(parameters, options), options.LearningRate),
            ModelDsl.Optimizer.AdamW => optim.AdamW(parameters, options.LearningRate, weight_decay: options.WeightDecay),
            ModelDsl.Optimizer.Sgd => optim.SGD(parameters, options.LearningRate, options.Momentum, weight_decay: options.WeightDecay, nesterov: options.Nesterov),
            ModelDsl.Optimizer.RmsProp => optim.RMSProp(parameters, options.LearningRate, weight_decay: options.WeightDecay, momentum: options.Momentum),
            _ => optim.Adam(parameters, options.LearningRate, weight_decay: options.WeightDecay),
        };
    }

    /// <summary>
    /// AdamW's two parameter groups of the fine-tuning recipe: weight matrices, kernels and embeddings (two or more
    /// dimensions) decay; biases and normalisation weights (one dimension) do not.
    /// </summary>
    private static List<AdamW.ParamGroup> DecayGroups(List<Parameter> parameters, TrainingOptions options)
    {
        var groups = new List<AdamW.ParamGroup>();
        Parameter[] decayed = parameters.Where(p => p.dim() >= 2).ToArray();
        Parameter[] undecayed = parameters.Where(p => p.dim() < 2).ToArray();
        if (decayed.Length > 0)
            groups.Add(new AdamW.ParamGroup(decayed, lr: options.LearningRate, weight_decay: options.WeightDecay));
        if (undecayed.Length > 0)
            groups.Add(new AdamW.ParamGroup(undecayed, lr: options.LearningRate, weight_decay: 0));
        return groups;
    }

    /// <summary>
    /// The parameters the optimizer updates: those <see cref="TrainingOptions.Freeze"/> does not name and that are not
    /// frozen by hand (<c>requires_grad</c> false). Named ones are switched off; ones an earlier run of this trainer froze
    /// and these options do not name are switched on again.
    /// </summary>
    /// <exception cref="ArgumentException">A prefix matches no parameter, or every parameter would be frozen.</exception>
    private List<Parameter> TrainableParameters(TrainingOptions options)
    {
        List<(string Name, Parameter Parameter)> named = Model.named_parameters().ToList();
        IReadOnlyList<string> freeze = options.Freeze ?? [];
        foreach (string prefix in freeze)
            if (!named.Any(p => FreezeMatches(p.Name, prefix)))
                throw new ArgumentException(
                    $"Freeze '{prefix}' matches no parameter of {typeof(TModel).Name} (prefixes match whole dotted segments; its parameters start with " +
                    $"{string.Join(", ", named.Select(p => p.Name.Split('.')[0]).Distinct())}).", nameof(options));
        var trainable = new List<Parameter>();
        foreach ((string name, Parameter parameter) in named)
        {
            if (freeze.Any(prefix => FreezeMatches(name, prefix)))
            {
                if (parameter.requires_grad)
                    _frozenByOptions.Add(name);
                parameter.requires_grad = false;
                continue;
            }
            if (_frozenByOptions.Remove(name))
                parameter.requires_grad = true;
            if (parameter.requires_grad)
                trainable.Add(parameter);
        }
        if (trainable.Count == 0)
            throw new ArgumentException($"Every parameter of {typeof(TModel).Name} is frozen; there is nothing to train.", nameof(options));
        return trainable;
    }

    /// <summary>True when <paramref name="prefix"/> is <paramref name="name"/> or a whole-segment prefix of it (<c>layer.1</c> is not a prefix of <c>layer.10.x</c>).</summary>
    internal static bool FreezeMatches(string name, string prefix) =>
        name.Length == prefix.Length ? name == prefix : name.StartsWith(prefix, StringComparison.Ordinal) && name[prefix.Length] == '.';

    /// <summary>True for the schedules that step with the optimizer (after every group of accumulated batches), not per epoch.</summary>
    private static bool StepsPerBatchGroup(TrainingOptions options) =>
        options.Schedule is LearningRateSchedule.OneCycle or LearningRateSchedule.WarmupLinear or LearningRateSchedule.WarmupCosine;

    private static optim.lr_scheduler.LRScheduler? CreateScheduler(TrainingOptions options, OptimizerHelper optimizer, long stepsPerEpoch,
        bool higherIsBetter) =>
        options.Schedule switch
        {
            LearningRateSchedule.Step => optim.lr_scheduler.StepLR(optimizer, options.StepSize, options.Gamma),
            LearningRateSchedule.Cosine => optim.lr_scheduler.CosineAnnealingLR(optimizer, options.Epochs),
            LearningRateSchedule.OneCycle => optim.lr_scheduler.OneCycleLR(optimizer, options.LearningRate, total_steps: (int)(options.Epochs * stepsPerEpoch)),
            LearningRateSchedule.WarmupLinear or LearningRateSchedule.WarmupCosine => optim.lr_scheduler.LambdaLR(optimizer,
                new WarmupSchedule(options.Schedule, options.WarmupSteps, options.WarmupRatio, options.Epochs * stepsPerEpoch).Factor),
            LearningRateSchedule.ReduceOnPlateau => optim.lr_scheduler.ReduceLROnPlateau(optimizer,
                higherIsBetter ? "max" : "min", options.Gamma, options.SchedulePatience),
            _ => null,
        };

    private void StepEpochScheduler(TrainingOptions options, double monitored)
    {
        if (options.Schedule == LearningRateSchedule.ReduceOnPlateau)
            _scheduler?.step(monitored);
        else if (options.Schedule is LearningRateSchedule.Step or LearningRateSchedule.Cosine)
            _scheduler?.step();
    }

    /// <summary>
    /// Brings a fresh scheduler to where an interrupted run left it (epoch-level schedules step once per epoch). A plateau
    /// schedule is fed the monitored value of every recorded epoch again, which rebuilds its best value, patience counter
    /// and decayed learning rate exactly: its decisions are a function of that sequence, and the snapshot's history keeps
    /// it (TorchSharp's ReduceLROnPlateau exposes no state to save directly).
    /// </summary>
    private void ReplaySchedule(TrainingOptions options, TrainerSnapshot snapshot, string monitor, long stepsPerEpoch)
    {
        if (options.Schedule is LearningRateSchedule.Step or LearningRateSchedule.Cosine)
            for (int i = 0; i < snapshot.Epoch; i++)
                _scheduler?.step();
        else if (StepsPerBatchGroup(options))
            // Snapshots are taken at epoch ends, so the optimizer has stepped once per batch group of every epoch so far.
            for (long i = 0; i < snapshot.Epoch * stepsPerEpoch; i++)
                _scheduler?.step();
        else if (options.Schedule == LearningRateSchedule.ReduceOnPlateau)
        {
            if (snapshot.History.Count != snapshot.Epoch)
                throw new InvalidDataException(
                    $"The trainer snapshot after epoch {snapshot.Epoch} records {snapshot.History.Count} epochs; the plateau schedule needs one record per completed epoch to resume.");
            foreach (EpochRecord record in snapshot.History)
            {
                if (!record.Has(monitor))
                    throw new InvalidDataException(
                        $"Epoch {record.Epoch} of the trainer snapshot has no '{monitor}', the value the plateau schedule watches in this run; resume with the validation data the interrupted run had.");
                StepEpochScheduler(options, record[monitor]);
            }
        }
    }

    private static double CurrentLearningRate(OptimizerHelper optimizer) => optimizer.ParamGroups.First().LearningRate;

    private static byte[] RngStateBytes()
    {
        using Tensor state = torch.get_rng_state();
        return state.data<byte>().ToArray();
    }

    /// <summary>
    /// Frees the optimizer, and the model only when <see cref="OwnsModel"/>: a model handed to the constructor belongs to
    /// the caller, who may keep using it (evaluate it, train it again with another trainer) after this trainer is gone.
    /// </summary>
    public void Dispose()
    {
        _optimizer?.Dispose();
        _optimizer = null;
        if (OwnsModel)
            Model.Dispose();
        GC.SuppressFinalize(this);
    }
}
