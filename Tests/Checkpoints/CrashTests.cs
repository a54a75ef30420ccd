using System.Diagnostics;
using ModelDsl.Checkpoints;
using ModelDsl.CrashChild;
using ModelDsl.Devices;
using ModelDsl.Tests.Support;
using TorchSharp;
using Xunit.Abstractions;

namespace ModelDsl.Tests.Checkpoints;

/// <summary>
/// Starts a training child process that checkpoints every epoch (several times a second, ~6 MB each) and kills it with
/// SIGKILL at random moments; after every kill the run folder must hold a loadable latest checkpoint, and a final resume
/// must complete the run.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 20;
    private const int Epochs = 60;
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(90);

    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Killed_at_random_moments_the_run_always_has_a_loadable_latest_checkpoint_and_resuming_completes_it()
    {
        TorchNative.EnsureLoaded();
        string child = Path.Combine(RepositoryPaths.TestOutput, "ModelDsl.CrashChild.dll");
        Assert.True(File.Exists(child), $"the crash child was not built next to the tests: {child}");
        string run = Path.Combine(_folder.Path, "run");
        int seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"random seed {seed}");
        var clock = Stopwatch.StartNew();
        int killedDuringSave = 0, lastEpoch = 0;

        for (int kill = 1; kill <= Kills; kill++)
        {
            Assert.True(clock.Elapsed < Budget, $"only {kill - 1} kills in {Budget.TotalSeconds} s");
            using var process = new ChildProcess(child, run, Epochs);
            // The first run must have written one checkpoint before it dies; later runs resume from one.
            process.WaitFor(kill == 1 ? "saved 1" : "ready", TimeSpan.FromSeconds(60));
            Thread.Sleep(random.Next(0, 250));
            Assert.False(process.HasExited, $"the child finished before kill {kill}:\n{process.Output}");
            process.Kill();

            bool midSave = Directory.GetDirectories(run, ".tmp-*").Length > 0;
            killedDuringSave += midSave ? 1 : 0;
            var store = new CheckpointStore(run);
            torch.manual_seed(kill);
            using var model = new CrashModel();
            using var optimizer = torch.optim.Adam(model.parameters());
            ResumedCheckpoint? resumed = store.ResumeLatest(model, CrashModel.SpecHash, optimizer);
            Assert.True(resumed is not null, $"no loadable checkpoint after kill {kill}; warnings: {string.Join(" | ", store.Warnings)}");
            Assert.Empty(store.Warnings);
            Assert.True(resumed.Snapshot.Epoch >= lastEpoch, $"kill {kill} lost progress: latest epoch {resumed.Snapshot.Epoch} after {lastEpoch}");
            Assert.Equal(Enumerable.Range(1, resumed.Snapshot.Epoch), resumed.Snapshot.History.Select(e => e.Epoch));
            output.WriteLine($"kill {kill}: latest epoch {resumed.Snapshot.Epoch}{(midSave ? ", killed during a save" : "")}");
            lastEpoch = resumed.Snapshot.Epoch;
        }
        Assert.True(killedDuringSave > 0, "no kill landed during a save; the test does not exercise interrupted writes");

        ProcessResult final = ProcessRunner.Run("dotnet", [child, run, Epochs.ToString(System.Globalization.CultureInfo.InvariantCulture)],
            timeout: TimeSpan.FromSeconds(120));
        Assert.True(final.ExitCode == 0, final.Combined);
        Assert.Contains($"done {Epochs}", final.StandardOutput);
        var finished = new CheckpointStore(run);
        CheckpointInfo latest = finished.Find("latest");
        Assert.Equal(Epochs, latest.Epoch);
        Assert.Equal(Enumerable.Range(1, Epochs), CheckpointStore.ReadSnapshot(latest).History.Select(e => e.Epoch));
        output.WriteLine($"{Kills} kills ({killedDuringSave} during a save) and a completed resume in {clock.Elapsed.TotalSeconds:F1} s");
    }

    /// <summary>The child process with its output collected, so the test can wait for a line before killing it.</summary>
    private sealed class ChildProcess : IDisposable
    {
        private readonly Process _process;
        private readonly List<string> _lines = [];

        public ChildProcess(string dll, string run, int epochs)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string argument in new[] { dll, run, epochs.ToString(System.Globalization.CultureInfo.InvariantCulture) })
                start.ArgumentList.Add(argument);
            start.Environment["DOTNET_NOLOGO"] = "1";
            _process = Process.Start(start) ?? throw new InvalidOperationException("could not start the crash child");
            _process.OutputDataReceived += (_, e) => Add(e.Data);
            _process.ErrorDataReceived += (_, e) => Add(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get { lock (_lines) return string.Join("\n", _lines); }
        }

        /// <summary>Waits until the child printed <paramref name="line"/> (alone or followed by a space and more).</summary>
        public void WaitFor(string line, TimeSpan timeout)
        {
            var clock = Stopwatch.StartNew();
            lock (_lines)
            {
                while (!_lines.Any(l => l == line || l.StartsWith(line + " ", StringComparison.Ordinal)))
                {
                    if (clock.Elapsed > timeout || _process.HasExited)
                        throw new TimeoutException($"the crash child never printed '{line}':\n{string.Join("\n", _lines)}");
                    Monitor.Wait(_lines, TimeSpan.FromMilliseconds(50));
                }
            }
        }

        /// <summary>SIGKILL on Unix: no finally blocks, no flushing, exactly like a crash or a pre-empted machine.</summary>
        public void Kill()
        {
            _process.Kill();
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
                Kill();
            _process.Dispose();
        }

        private void Add(string? line)
        {
            if (line is null)
                return;
            lock (_lines)
            {
                _lines.Add(line);
                Monitor.PulseAll(_lines);
            }
        }
    }
}
