namespace ModelDsl.Benchmarks;

/// <summary>Training throughput (examples/second, best of the repeats) of one case, measured in this run.</summary>
internal sealed record TrainingMeasurement(TrainingCase Case, double Generated, double HandWritten);
