using System.Text.Json.Nodes;

namespace ModelDsl.Benchmarks;

/// <summary>What makes a training case a fine-tuning one, on both sides.</summary>
/// <param name="Start">The weights every run of every side starts from.</param>
/// <param name="Training">
/// The options the generated trainer runs with, as <c>modeldsl_train.py</c> reads them (its <c>make_optimizer</c> and
/// <c>make_schedule</c> build the PyTorch side's AdamW groups and schedule from them).
/// </param>
/// <param name="PythonBatches">Batches per PyTorch run: Debian's PyTorch takes about 20 s for one MiniLM step on one thread.</param>
/// <param name="MaxRepeats">
/// At most this many timed runs per side, whatever <c>--repeats</c> says: steps of seconds vary far less between runs
/// than the millisecond steps of the other cases, and each PyTorch run takes most of a minute.
/// </param>
internal sealed record FineTuningSetup(FineTuningStart Start, JsonObject Training, int PythonBatches, int MaxRepeats);
