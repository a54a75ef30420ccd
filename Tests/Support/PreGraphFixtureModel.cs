using ModelDsl.Checkpoints;
using ModelDsl.Models.Data;

namespace ModelDsl.Tests.Support;

/// <summary>
/// What one shipped model looked like before the graph redesign (issue 16), as recorded in
/// <c>Tests/Fixtures/PreGraphCheckpoints/expectations.json</c>: its spec hash, its parameters in order, a fixed input batch
/// and the predictions the checkpoint beside it gave on that batch.
/// </summary>
/// <param name="Name">The CLI name, e.g. <c>fashion-cnn</c>; also the checkpoint folder's name under the fixture folder.</param>
/// <param name="SpecHash">The generated <c>SpecHash</c> constant at the time.</param>
/// <param name="Parameters">The state-dict entries in module order, with shapes.</param>
/// <param name="InputShape">The shape of <paramref name="Inputs"/>, batch first; empty for a record model.</param>
/// <param name="Inputs">The input batch, flattened row-major; empty for a record model.</param>
/// <param name="Records">The input records of a record model (<c>credit-mlp</c>), otherwise null.</param>
/// <param name="Predictions">The trainer's <c>Predict</c> output on the inputs, flattened row-major.</param>
public sealed record PreGraphFixtureModel(
    string Name,
    string SpecHash,
    List<CheckpointManifest.ParameterEntry> Parameters,
    long[] InputShape,
    float[] Inputs,
    List<LoanApplication>? Records,
    float[] Predictions);
