namespace ModelDsl.Benchmarks;

/// <summary>Process memory and live TorchSharp tensors at the end of one epoch.</summary>
internal sealed record ProcessMemorySample(int Epoch, long WorkingSet, long PrivateBytes, long PeakWorkingSet, long LiveTensors);
