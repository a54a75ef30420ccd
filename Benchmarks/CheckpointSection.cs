using System.Diagnostics;
using System.Globalization;
using ModelDsl.Checkpoints;
using ModelDsl.Models.Declarations;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Benchmarks;

/// <summary>
/// Section 6: checkpoint save and load throughput (MB/s) of <see cref="CheckpointStore"/> for the NewsTransformer (3.3 M
/// parameters, Adam state included) against a plain <see cref="File.Copy(string, string)"/> of the same files. Save
/// includes what makes it durable (SHA-256 per file, fsync, rename); load includes checksum verification.
/// </summary>
internal sealed class CheckpointSection(BenchmarkOptions options, BenchmarkReport report)
{
    public void Run()
    {
        string folder = Directory.CreateTempSubdirectory("modeldsl-bench-checkpoints-").FullName;
        try
        {
            using var trainer = NewsTransformerTrainer.Create(NewsTransformerTrainer.DefaultOptions with { Device = "cpu" });
            // One real step so the optimizer has its moment tensors (what a resumable checkpoint carries).
            using (var data = BenchmarkData.NewsTokens(64))
                trainer.Fit(data, options: NewsTransformerTrainer.DefaultOptions with { Epochs = 1, Device = "cpu", Monitor = "loss" });
            var store = new CheckpointStore(Path.Combine(folder, "run"), new CheckpointPolicy(KeepLast: options.Repeats + 2, Monitor: null));
            var optimizer = trainer.Optimizer!;

            double save = 0, load = 0, copy = 0;
            long bytes = 0;
            for (int r = 0; r < options.Repeats + 1; r++)
            {
                var snapshot = new TrainerSnapshot(r + 1, r + 1, double.NaN, 0, [], []);
                var clock = Stopwatch.StartNew();
                string saved = store.Save(trainer.Model, nameof(NewsTransformer), NewsTransformer.SpecHash, optimizer, snapshot);
                double saveSeconds = clock.Elapsed.TotalSeconds;
                bytes = Directory.GetFiles(saved).Sum(f => new FileInfo(f).Length);

                CheckpointInfo info = store.Find(Path.GetFileName(saved));
                clock.Restart();
                CheckpointStore.LoadWeights(info, trainer.Model, NewsTransformer.SpecHash);
                CheckpointStore.LoadOptimizer(info, optimizer);
                _ = CheckpointStore.ReadSnapshot(info);
                double loadSeconds = clock.Elapsed.TotalSeconds;

                string copied = Path.Combine(folder, $"copy-{r}");
                Directory.CreateDirectory(copied);
                clock.Restart();
                foreach (string file in Directory.GetFiles(saved))
                    File.Copy(file, Path.Combine(copied, Path.GetFileName(file)));
                double copySeconds = clock.Elapsed.TotalSeconds;
                if (r == 0)
                    continue; // warm-up: JIT and first-touch of the files
                save = Math.Max(save, bytes / saveSeconds);
                load = Math.Max(load, bytes / loadSeconds);
                copy = Math.Max(copy, bytes / copySeconds);
            }
            const double MB = 1024 * 1024;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"checkpoint NewsTransformer + AdamW state, {bytes / MB:F1} MB: save {save / MB:F0} MB/s   load {load / MB:F0} MB/s   File.Copy {copy / MB:F0} MB/s"));
            report.Ratio("checkpoint save / File.Copy", save / copy, "CheckpointStore.Save (checksums, fsync, rename) ÷ File.Copy of the same files");
            report.Ratio("checkpoint load / File.Copy", load / copy, "LoadWeights + LoadOptimizer (checksums verified) ÷ File.Copy of the same files");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
