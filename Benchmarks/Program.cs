using ModelDsl.Benchmarks;
using ModelDsl.Devices;
using TorchSharp;

// Issue 8's ratios, each measured in this one run against a baseline measured in the same run (never absolute times):
//   training   generated trainer ÷ hand-written TorchSharp loop (seed CNN batch 32 and 512, PriceLstm, NewsTransformer,
//              news-minilm fine-tuned from MiniLM's pretrained weights)
//   pytorch    generated trainer ÷ plain PyTorch on the same data, threads, batch and device (needs a Python with torch);
//              news-minilm from the same weights, as fine-tuning steps/s
//   loader     BatchLoader and PrefetchingBatchLoader ÷ TorchSharp DataLoader
//   generator  50 specs, an unrelated edit's generator work, the generator's share of a clean build of Models/
//   memory     end-of-epoch process memory over 20 epochs
//   checkpoint CheckpointStore save/load MB/s ÷ File.Copy of the same files
//   encoder    imported MiniLM BertEncoder inference ÷ ONNX Runtime on the same batches and threads (CPU)
//   serving    ONNX Runtime ÷ TorchSharp Predict on exported credit-mlp and seed CNN: single-record p50/p99, batch-256 throughput
// BenchmarkDotNet micro-benchmarks: dotnet run -c Release --project Benchmarks -- micro [BenchmarkDotNet arguments, e.g. --filter '*']
if (args.FirstOrDefault() == "micro")
{
    ModelDsl.Benchmarks.Micro.MicroBenchmarks.Run(args[1..]);
    return 0;
}

BenchmarkOptions options;
try
{
    options = BenchmarkOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

TorchNative.EnsureLoaded();
torch.Device device = DeviceSelector.Resolve(options.Device);
// libtorch's worker threads wait for each other at the end of every operation, so when they take every core, each time
// the .NET runtime (GC, JIT), the OS or another process needs one, a whole operation stalls: on the 2-core machines here
// single best-of-3 readings landed anywhere from 0.6 to 1.9. On the CPU one core is therefore left free unless --threads
// says otherwise; the PyTorch reference is given the same count.
int? threads = options.Threads ?? (device.type == DeviceType.CPU ? Math.Max(1, Environment.ProcessorCount - 1) : null);
if (threads is int count)
    torch.set_num_threads(count);
var report = new BenchmarkReport();
Console.WriteLine($"ModelDsl benchmarks: device {device}, torch threads {torch.get_num_threads()}, {options.Examples} examples, {options.Repeats} repeats, " +
    $"sections {string.Join(",", BenchmarkOptions.AllSections.Where(options.Runs))}; libtorch {TorchNative.ExternalLibTorchDirectory ?? "from the package"}");

if (options.Runs("training") || options.Runs("pytorch"))
{
    IReadOnlyList<TrainingCase> cases = TrainingCases.All(options.FashionMnistFolder);
    try
    {
        IReadOnlyList<TrainingMeasurement> measured = new TrainingSection(options, device, report).Run(cases.Where(c => options.Cases.Contains(c.Name)));
        if (options.Runs("pytorch"))
            new PyTorchSection(options, device, report).Run(measured);
    }
    finally
    {
        foreach (TrainingCase c in cases)
            c.FineTuning?.Start.Dispose();
    }
}
if (options.Runs("loader"))
    new LoaderSection(options, device, report).Run();
if (options.Runs("generator"))
    new GeneratorSection(options, report).Run();
if (options.Runs("memory"))
    new MemorySection(options, report).Run();
if (options.Runs("checkpoint"))
    new CheckpointSection(options, report).Run();
if (options.Runs("encoder"))
    new EncoderSection(options, report).Run();
if (options.Runs("serving"))
    new ServingSection(options, report).Run();

report.PrintSummary();
return 0;
