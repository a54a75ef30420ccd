using System.Diagnostics;
using System.Security.Cryptography;
using ModelDsl.Checkpoints;
using ModelDsl.Devices;
using ModelDsl.Tests.Support;
using ModelDsl.Training;
using TorchSharp.Modules;
using TorchSharp;

namespace ModelDsl.Tests.Checkpoints;

public sealed class CheckpointStoreTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public CheckpointStoreTests() => TorchNative.EnsureLoaded();

    public void Dispose() => _folder.Dispose();

    private string Run => Path.Combine(_folder.Path, "run");

    private static TrainerSnapshot Snapshot(int epoch, params double[] valLosses)
    {
        var history = valLosses.Take(epoch)
            .Select((v, i) => new EpochRecord(i + 1, [new("loss", v + 1), new("val_loss", v)], 1e-3, 0.1))
            .ToList();
        return new TrainerSnapshot(epoch, epoch * 4L, valLosses.Take(epoch).Min(), 0, history, [1, 2, 3]);
    }

    // Checkpoints after epochs 1 and 2 of one model; returns the second's folder (the one the damage tests break).
    private string SaveEpochsOneAndTwo()
    {
        var (model, optimizer) = NewModel(1);
        var store = new CheckpointStore(Run, new CheckpointPolicy(KeepLast: 5));
        store.Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(1, 2.0, 1.0));
        return store.Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(2, 2.0, 1.0));
    }

    private ResumedCheckpoint? ResumeIntoFreshModel(out CheckpointStore resuming)
    {
        var (model, optimizer) = NewModel(4);
        resuming = new CheckpointStore(Run);
        return resuming.ResumeLatest(model, "hand-16", optimizer);
    }

    private static (HandWrittenClassifier Model, OptimizerHelper Optimizer) NewModel(int seed, int hidden = 16)
    {
        torch.manual_seed(seed);
        var model = new HandWrittenClassifier(hidden);
        return (model, torch.optim.Adam(model.parameters()));
    }

    [Fact]
    public void Manifest_records_versions_spec_hash_parameters_and_a_checksum_for_every_file()
    {
        var (model, optimizer) = NewModel(1);
        var store = new CheckpointStore(Run);

        string folder = store.Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(1, 0.5));

        CheckpointManifest manifest = CheckpointStore.ReadManifest(folder);
        Assert.Equal(Path.Combine(Run, "epoch-0001"), folder);
        Assert.Equal("hand-16", manifest.SpecHash);
        Assert.Equal("HandWrittenClassifier", manifest.Model);
        Assert.Equal(1, manifest.Epoch);
        Assert.Equal(0.5, manifest.MonitorValue);
        Assert.Equal(torch.__version__, manifest.LibTorchVersion);
        Assert.Equal(typeof(torch).Assembly.GetName().Version!.ToString(3), manifest.TorchSharpVersion);
        Assert.Equal(["hidden.weight", "hidden.bias", "output.weight", "output.bias"], manifest.Parameters.Select(p => p.Name));
        Assert.Equal([16L, 8L], manifest.Parameters[0].Shape);
        Assert.Equal(["optimizer.bin", "trainer.json", "weights.bin"], manifest.Checksums.Keys.Order());
        foreach (var (file, checksum) in manifest.Checksums)
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(folder, file)))), checksum);
        Assert.Equal(["epoch-0001"], Directory.GetFileSystemEntries(Run).Select(Path.GetFileName));
    }

    [Fact]
    public void Extra_files_are_kept_with_checksums_and_read_back_verified()
    {
        var (model, optimizer) = NewModel(1);
        var store = new CheckpointStore(Run);
        byte[] statistics = "{\"Mean\":[1.5]}"u8.ToArray();

        CheckpointInfo checkpoint = CheckpointStore.Resolve(
            store.Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(1, 0.5), new Dictionary<string, byte[]> { ["features.json"] = statistics }));

        Assert.Contains("features.json", CheckpointStore.ReadManifest(checkpoint.Directory).Checksums.Keys);
        Assert.Equal(statistics, CheckpointStore.ReadExtraFile(checkpoint, "features.json"));
        var missing = Assert.Throws<CheckpointException>(() => CheckpointStore.ReadExtraFile(checkpoint, "vocabulary.json"));
        Assert.Contains("vocabulary.json", missing.Message);

        File.WriteAllText(Path.Combine(checkpoint.Directory, "features.json"), "{\"Mean\":[9.5]}");
        var corrupt = Assert.Throws<CheckpointException>(() => CheckpointStore.ReadExtraFile(checkpoint, "features.json"));
        Assert.Contains("checksum", corrupt.Message);
    }

    [Theory]
    [InlineData("weights.bin")]
    [InlineData("manifest.json")]
    [InlineData("../outside.json")]
    [InlineData("")]
    public void Extra_files_cannot_replace_the_stores_own_files_or_leave_the_folder(string name)
    {
        var (model, optimizer) = NewModel(1);
        var store = new CheckpointStore(Run);

        var error = Assert.Throws<ArgumentException>(() =>
            store.Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(1, 0.5), new Dictionary<string, byte[]> { [name] = [1] }));

        Assert.Contains($"'{name}'", error.Message);
        Assert.False(Directory.Exists(Run) && Directory.EnumerateFileSystemEntries(Run).Any(), "nothing is written when an extra file name is refused");
    }

    [Fact]
    public void Weights_optimizer_and_trainer_state_round_trip()
    {
        var (model, optimizer) = NewModel(1);
        using (var scope = torch.NewDisposeScope())
        {
            // One step so the optimizer has moments worth saving.
            model.call(torch.ones(4, HandWrittenClassifier.Features)).sum().backward();
            optimizer.step();
        }
        TrainerSnapshot saved = Snapshot(2, 0.9, 0.4);
        new CheckpointStore(Run).Save(model, "HandWrittenClassifier", "hand-16", optimizer, saved);
        var (other, otherOptimizer) = NewModel(2);

        CheckpointInfo latest = CheckpointStore.Resolve(Path.Combine(Run, "latest"));
        CheckpointStore.LoadWeights(latest, other, "hand-16");
        CheckpointStore.LoadOptimizer(latest, otherOptimizer);
        TrainerSnapshot loaded = CheckpointStore.ReadSnapshot(latest);

        foreach (var (name, tensor) in model.state_dict())
            Assert.True(tensor.allclose(other.state_dict()[name], 0, 0), $"{name} differs after loading");
        Assert.Equal(saved.Epoch, loaded.Epoch);
        Assert.Equal(saved.Step, loaded.Step);
        Assert.Equal(saved.BestMonitorValue, loaded.BestMonitorValue);
        Assert.Equal(saved.RngState, loaded.RngState);
        Assert.Equal(saved.History.Select(e => e["val_loss"]), loaded.History.Select(e => e["val_loss"]));
        // Adam's moments came back: the next step (without dropout) moves both models identically.
        model.eval();
        other.eval();
        foreach (var (m, o) in new[] { (model, optimizer), (other, otherOptimizer) })
        {
            using var scope = torch.NewDisposeScope();
            o.zero_grad();
            m.call(torch.ones(4, HandWrittenClassifier.Features)).sum().backward();
            o.step();
        }
        foreach (var (name, tensor) in model.state_dict())
            Assert.True(tensor.allclose(other.state_dict()[name], 0, 0), $"{name} differs after one more step");
    }

    [Fact]
    public void Keeps_the_last_K_plus_the_best_by_a_minimised_monitor()
    {
        var (model, optimizer) = NewModel(1);
        var store = new CheckpointStore(Run, new CheckpointPolicy(KeepLast: 2, Monitor: "val_loss"));
        double[] valLosses = [5, 1, 4, 3, 2, 6];

        for (int epoch = 1; epoch <= valLosses.Length; epoch++)
            store.Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(epoch, valLosses));

        Assert.Equal(["epoch-0002", "epoch-0005", "epoch-0006"], Directory.GetDirectories(Run).Select(Path.GetFileName).Order());
        Assert.Equal(2, store.Find("best").Epoch);
        Assert.Equal(6, store.Find("latest").Epoch);
        Assert.Equal(2, CheckpointStore.Resolve(Path.Combine(Run, "best")).Epoch);
        Assert.Equal(6, CheckpointStore.Resolve(Run).Epoch);
        Assert.Equal(5, store.Find("epoch-0005").Epoch);
    }

    [Fact]
    public void Best_by_a_maximised_monitor_keeps_the_highest_value()
    {
        var (model, optimizer) = NewModel(1);
        var store = new CheckpointStore(Run, new CheckpointPolicy(KeepLast: 1, Monitor: "val_loss", Mode: MonitorMode.Max));
        double[] values = [1, 3, 2];

        for (int epoch = 1; epoch <= values.Length; epoch++)
            store.Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(epoch, values));

        Assert.Equal(["epoch-0002", "epoch-0003"], Directory.GetDirectories(Run).Select(Path.GetFileName).Order());
        Assert.Equal(2, CheckpointStore.Resolve(Path.Combine(Run, "best")).Epoch);
    }

    [Fact]
    public void Callback_saves_every_N_epochs_and_the_final_epoch()
    {
        var (model, optimizer) = NewModel(1);
        var store = new CheckpointStore(Run, new CheckpointPolicy(EveryEpochs: 2, KeepLast: 10));
        var callback = new CheckpointCallback(store, model, "HandWrittenClassifier", "hand-16", () => optimizer, finalEpoch: 5);
        double[] values = [5, 4, 3, 2, 1];

        for (int epoch = 1; epoch <= 5; epoch++)
            callback.OnEpochEnd(Snapshot(epoch, values));

        Assert.Equal([2, 4, 5], store.List().Select(c => c.Epoch));
        Assert.Equal(Path.Combine(Run, "epoch-0005"), callback.LastSaved);
    }

    [Theory]
    [InlineData("weights.bin", "flip")]
    [InlineData("weights.bin", "truncate")]
    [InlineData("optimizer.bin", "truncate")]
    [InlineData("trainer.json", "flip")]
    public void A_corrupt_file_is_named_when_loaded_explicitly_and_resume_falls_back_to_the_previous_checkpoint(string file, string damage)
    {
        CheckpointInfo second = CheckpointStore.Resolve(SaveEpochsOneAndTwo());
        string bad = Path.Combine(Run, "epoch-0002", file);
        Damage(bad, damage);

        var explicitLoad = Assert.Throws<CheckpointException>(() => CheckpointStore.Resolve(Path.Combine(Run, "epoch-0002")));
        Assert.Contains($"'{bad}'", explicitLoad.Message);
        if (file == "weights.bin")
        {
            // A CheckpointInfo obtained before the damage does not bypass the check either.
            var direct = Assert.Throws<CheckpointException>(() => CheckpointStore.LoadWeights(second, NewModel(3).Model, "hand-16"));
            Assert.Contains($"'{bad}'", direct.Message);
        }

        ResumedCheckpoint? resumed = ResumeIntoFreshModel(out CheckpointStore resuming);

        Assert.NotNull(resumed);
        Assert.Equal(1, resumed.Checkpoint.Epoch);
        Assert.Equal(1, resumed.Snapshot.Epoch);
        string warning = Assert.Single(resuming.Warnings);
        Assert.Contains($"'{bad}'", warning);
        Assert.Contains("falling back", warning);
    }

    [Theory]
    [InlineData("Checksums", "Checksums")]
    [InlineData("Parameters", "Parameters")]
    [InlineData("Parameters/0/Shape", "Parameters[0].Shape")]
    public void A_manifest_with_a_null_field_names_it_and_resume_falls_back_to_the_previous_checkpoint(string field, string named)
    {
        string manifestPath = Path.Combine(SaveEpochsOneAndTwo(), "manifest.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!;
        string[] steps = field.Split('/');
        System.Text.Json.Nodes.JsonNode parent = steps[..^1].Aggregate(manifest, (node, step) => int.TryParse(step, out int i) ? node[i]! : node[step]!);
        parent[steps[^1]] = null;
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var explicitLoad = Assert.Throws<CheckpointException>(() => CheckpointStore.Resolve(Path.Combine(Run, "epoch-0002")));
        Assert.Contains($"'{manifestPath}'", explicitLoad.Message);
        Assert.Contains($"'{named}'", explicitLoad.Message);

        ResumedCheckpoint? resumed = ResumeIntoFreshModel(out CheckpointStore resuming);
        Assert.Equal(1, resumed?.Snapshot.Epoch);
        Assert.Contains($"'{named}'", Assert.Single(resuming.Warnings));
    }

    [Theory]
    [InlineData("Epoch", "7")]
    [InlineData("MonitorValue", "0.001")]
    [InlineData("MonitorHigherIsBetter", "true")]
    public void An_edit_to_the_manifest_that_stays_valid_json_is_detected(string field, string value)
    {
        string folder = SaveEpochsOneAndTwo();
        string manifestPath = Path.Combine(folder, "manifest.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!;
        // Rewritten compactly first: layout alone is not an edit.
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        Assert.Equal(2, CheckpointStore.Resolve(folder).Epoch);

        manifest[field] = System.Text.Json.Nodes.JsonNode.Parse(value);
        File.WriteAllText(manifestPath, manifest.ToJsonString());
        var explicitLoad = Assert.Throws<CheckpointException>(() => CheckpointStore.Resolve(folder));
        Assert.Contains($"'{manifestPath}' does not match its own checksum", explicitLoad.Message);
        ResumedCheckpoint? resumed = ResumeIntoFreshModel(out CheckpointStore resuming);
        Assert.Equal(1, resumed?.Snapshot.Epoch);
        Assert.Contains($"'{manifestPath}'", Assert.Single(resuming.Warnings));
    }

    [Fact]
    public void A_manifest_without_its_own_checksum_is_refused_as_unverifiable()
    {
        // What a format-1 checkpoint (written before manifests were sealed) looks like.
        string folder = SaveEpochsOneAndTwo();
        string manifestPath = Path.Combine(folder, "manifest.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(manifestPath))!.AsObject();
        Assert.Equal(2, (int)manifest["Format"]!);
        manifest.Remove("ManifestSha256");
        manifest["Format"] = 1;
        File.WriteAllText(manifestPath, manifest.ToJsonString());

        var error = Assert.Throws<CheckpointException>(() => CheckpointStore.Resolve(folder));
        Assert.Contains($"'{manifestPath}' has no checksum of its own (field 'ManifestSha256')", error.Message);
        Assert.Contains("treated as damaged", error.Message);
    }

    [Fact]
    public void A_checkpoint_without_a_manifest_does_not_exist()
    {
        var (model, optimizer) = NewModel(1);
        var store = new CheckpointStore(Run, new CheckpointPolicy(KeepLast: 5));
        store.Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(1, 1.0));
        store.Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(2, 1.0, 1.0));
        File.Delete(Path.Combine(Run, "epoch-0002", "manifest.json"));

        Assert.Equal(1, CheckpointStore.Resolve(Path.Combine(Run, "latest")).Epoch);
        var (other, otherOptimizer) = NewModel(2);
        Assert.Equal(1, new CheckpointStore(Run).ResumeLatest(other, "hand-16", otherOptimizer)?.Snapshot.Epoch);
    }

    [Fact]
    public void Loading_into_another_architecture_names_the_spec_hashes_and_the_first_differing_parameter_before_touching_weights()
    {
        var (model, optimizer) = NewModel(1, hidden: 16);
        string folder = new CheckpointStore(Run).Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(1, 1.0));
        var (narrow, _) = NewModel(2, hidden: 12);
        using torch.Tensor before = narrow.state_dict()["hidden.weight"].clone();

        var error = Assert.Throws<CheckpointException>(() =>
            CheckpointStore.LoadWeights(CheckpointStore.Resolve(folder), narrow, "hand-12"));

        Assert.Contains("spec hash mismatch", error.Message);
        Assert.Contains("'hand-16'", error.Message);
        Assert.Contains("'hand-12'", error.Message);
        Assert.Contains("'hidden.weight' has shape [16, 8] in the checkpoint but [12, 8] in the model", error.Message);
        Assert.True(before.allclose(narrow.state_dict()["hidden.weight"], 0, 0));
        var resume = Assert.Throws<CheckpointException>(() => new CheckpointStore(Run).ResumeLatest(narrow, "hand-12", null));
        Assert.Contains("'hidden.weight'", resume.Message);
    }

    [Fact]
    public void A_full_disk_fails_the_save_naming_the_file_and_leaves_earlier_checkpoints_intact()
    {
        var (model, optimizer) = NewModel(1);
        new CheckpointStore(Run).Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(1, 1.0));
        var full = new CheckpointStore(Run) { WrapOutput = (_, stream) => new FullDiskStream(stream, bytesLeft: 200) };

        var error = Assert.Throws<CheckpointWriteException>(() => full.Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(2, 1.0, 0.5)));

        Assert.Contains(Path.Combine(Run, ".tmp-epoch-0002"), error.Message);
        Assert.True(error.Message.Contains("weights.bin"), error.Message);
        Assert.Contains("No space left on device", error.Message);
        Assert.Equal(["epoch-0001"], Directory.GetFileSystemEntries(Run).Select(Path.GetFileName));
        var (other, otherOptimizer) = NewModel(2);
        Assert.Equal(1, new CheckpointStore(Run).ResumeLatest(other, "hand-16", otherOptimizer)?.Snapshot.Epoch);
    }

    [SkippableFact]
    public void An_unwritable_folder_fails_the_save_naming_the_path_and_leaves_earlier_checkpoints_intact()
    {
        Skip.If(OperatingSystem.IsWindows(), "uses Unix permissions");
        if (OperatingSystem.IsWindows())
            return;
        var (model, optimizer) = NewModel(1);
        var store = new CheckpointStore(Run);
        store.Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(1, 1.0));
        MakeUnwritable(Run);
        try
        {
            Skip.If(CanWrite(Run), "this user can write into read-only folders (root without chattr)");

            var error = Assert.Throws<CheckpointWriteException>(() => store.Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(2, 1.0, 0.5)));

            Assert.Contains(Path.Combine(Run, ".tmp-epoch-0002"), error.Message);
            Assert.Equal(1, CheckpointStore.Resolve(Path.Combine(Run, "latest")).Epoch);
        }
        finally
        {
            MakeWritable(Run);
        }
        Assert.Equal(["epoch-0001"], Directory.GetFileSystemEntries(Run).Select(Path.GetFileName));
    }

    [Fact]
    public void A_run_folder_that_is_a_file_fails_the_save_naming_it()
    {
        // Unwritable whoever runs the test, root included.
        var (model, optimizer) = NewModel(1);
        string blocked = Path.Combine(_folder.Path, "blocked");
        File.WriteAllText(blocked, "not a folder");

        var error = Assert.Throws<CheckpointWriteException>(() =>
            new CheckpointStore(blocked).Save(model, "HandWrittenClassifier", "hand-16", optimizer, Snapshot(1, 1.0)));

        Assert.Contains($"'{blocked}'", error.Message);
        Assert.Equal("not a folder", File.ReadAllText(blocked));
    }

    [Fact]
    public void A_policy_that_never_saves_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => new CheckpointStore(Run, new CheckpointPolicy(EveryEpochs: 0)));
        Assert.Contains("EveryEpochs", error.Message);
    }

    private static void Damage(string path, string how)
    {
        byte[] bytes = File.ReadAllBytes(path);
        if (how == "truncate")
            File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        else
        {
            bytes[bytes.Length / 2] ^= 0x40;
            File.WriteAllBytes(path, bytes);
        }
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void MakeUnwritable(string folder)
    {
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        // root ignores permission bits; the immutable attribute stops it too where the file system supports it.
        if (Environment.UserName == "root")
            RunQuietly("chattr", "+i", folder);
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static void MakeWritable(string folder)
    {
        if (Environment.UserName == "root")
            RunQuietly("chattr", "-i", folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    private static bool CanWrite(string folder)
    {
        string probe = Path.Combine(folder, "probe");
        try
        {
            File.WriteAllText(probe, "x");
            File.Delete(probe);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static void RunQuietly(string program, params string[] arguments)
    {
        try
        {
            var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (string argument in arguments)
                start.ArgumentList.Add(argument);
            using Process? process = Process.Start(start);
            process?.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // chattr absent: the test skips when the folder stays writable.
        }
    }
}
