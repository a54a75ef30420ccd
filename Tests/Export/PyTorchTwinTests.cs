using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Microsoft.CodeAnalysis;
using ModelDsl.Export;
using ModelDsl.Tests.Generator;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Export;

/// <summary>
/// Issue 20's acceptance test: for every shipped model and 60 random stacks and graphs, weights from .NET loaded into the
/// emitted PyTorch twin give the same outputs, and weights initialised in PyTorch loaded into the generated TorchSharp
/// module do too (within 1e-5, relative above 1; both sides compute in float64 from the same float32 weights and inputs). One Python process runs every model; skips where torch is absent.
/// </summary>
public sealed class PyTorchTwinTests
{
    private const int RandomStacks = 30;
    private const int RandomGraphs = 30;

    /// <summary>
    /// Runs each job: loads the .NET weights into the twin, makes seeded inputs from the twin's INPUTS, runs it, then
    /// initialises a fresh twin, perturbs every float entry of its state (so BatchNorm's statistics count too) and saves it.
    /// </summary>
    private const string Script = """
        import importlib.util, json, os, sys
        import torch
        from torch import nn
        torch.set_num_threads(1)
        jobs = json.load(open(sys.argv[1]))
        for job in jobs:
            folder = job["folder"]
            sys.path.insert(0, folder)
            import modeldsl_safetensors as st
            spec = importlib.util.spec_from_file_location("twin%d" % job["seed"], os.path.join(folder, job["module"] + ".py"))
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            twin_type = getattr(module, job["class"])
            twin = twin_type()
            twin.load_state_dict(st.load_file(os.path.join(folder, "dotnet.safetensors")), strict=True)
            # Both sides compute in float64 from the same float32 weights and inputs, so what is compared is the two
            # forwards' semantics, not float32 rounding accumulated over a 22M-parameter encoder.
            twin.double().eval()
            generator = torch.Generator().manual_seed(job["seed"])
            inputs = []
            for entry in twin_type.INPUTS:
                shape = (3,) + tuple(entry["shape"])
                if entry["kind"] == "tokens":
                    vocabulary = entry["vocabulary"] or min(m.num_embeddings for m in twin.modules() if isinstance(m, nn.Embedding))
                    inputs.append(torch.randint(0, vocabulary, shape, generator=generator))
                else:
                    inputs.append(torch.rand(shape, generator=generator) * 2 - 1)
            wide = [x.double() if x.is_floating_point() else x for x in inputs]
            with torch.no_grad():
                from_dotnet = twin(*wide).float()
                torch.manual_seed(job["seed"])
                fresh = twin_type()
                for value in fresh.state_dict().values():
                    if value.is_floating_point():
                        value.add_(torch.rand(value.shape, generator=generator) * 0.1)
                st.save_file(fresh.state_dict(), os.path.join(folder, "python.safetensors"))
                fresh.double().eval()
                from_python = fresh(*wide).float()
            results = {"input%d" % i: x for i, x in enumerate(inputs)}
            results.update({"from_dotnet_weights": from_dotnet, "from_python_weights": from_python})
            st.save_file(results, os.path.join(folder, "results.safetensors"))
            sys.path.remove(folder)
        print("ran", len(jobs))
        """;

    [SkippableFact]
    public void Shipped_and_random_models_give_the_same_outputs_in_pytorch_and_torchsharp_with_weights_moved_either_way()
    {
        Skip.If(PythonTorch.MissingReason is not null, PythonTorch.MissingReason);
        Devices.TorchNative.EnsureLoaded();

        List<Type> models = typeof(Models.Declarations.FashionCnn).Assembly.GetTypes().Where(HasTwin).OrderBy(t => t.FullName).ToList();
        Assert.True(models.Count >= 10, "shipped models with a twin: " + string.Join(", ", models.Select(t => t.Name)));
        models.AddRange(RandomModels());

        using var folder = new TemporaryFolder();
        var jobs = new List<Dictionary<string, object>>();
        for (int i = 0; i < models.Count; i++)
        {
            Type type = models[i];
            string caseFolder = Path.Combine(folder.Path, $"case{i}");
            string moduleName = Constant(type, "PyTorchModuleName");
            IReadOnlyList<string> written = PyTorchExport.Write(caseFolder, moduleName, Constant(type, "PyTorchSource"), Constant(type, "PyTorchTrainingOptions"));
            Assert.Equal(Path.Combine(caseFolder, moduleName + ".py"), written[0]);
            torch.manual_seed(i);
            using torch.nn.Module module = Create(type);
            Perturb(module);
            TorchSharp.PyBridge.Safetensors.SaveStateDict(Path.Combine(caseFolder, "dotnet.safetensors"), module.state_dict());
            jobs.Add(new() { ["folder"] = caseFolder, ["module"] = moduleName, ["class"] = type.Name, ["seed"] = 1000 + i });
        }
        string jobFile = folder.Write("jobs.json", JsonSerializer.Serialize(jobs));
        ProcessResult result = ProcessRunner.Run(PythonTorch.Python, [folder.Write("run.py", Script), jobFile]);
        Assert.True(result.ExitCode == 0, result.Combined);
        Assert.Contains($"ran {models.Count}", result.StandardOutput);

        for (int i = 0; i < models.Count; i++)
        {
            Type type = models[i];
            string caseFolder = Path.Combine(folder.Path, $"case{i}");
            using var scope = torch.NewDisposeScope();
            Dictionary<string, torch.Tensor> results = TorchSharp.PyBridge.Safetensors.LoadStateDict(Path.Combine(caseFolder, "results.safetensors"));
            torch.Tensor[] inputs = Enumerable.Range(0, results.Count - 2).Select(n => results[$"input{n}"]).ToArray();

            torch.manual_seed(i);
            using torch.nn.Module original = Create(type);
            Perturb(original);
            AssertClose($"{type.Name} with .NET weights", results["from_dotnet_weights"], Forward(type, original, inputs));

            using torch.nn.Module loaded = Create(type);
            ModelDsl.Checkpoints.WeightExport.LoadSafetensors(loaded, Path.Combine(caseFolder, "python.safetensors"));
            AssertClose($"{type.Name} with PyTorch weights", results["from_python_weights"], Forward(type, loaded, inputs));
        }
    }

    private static bool HasTwin(Type type) => type.GetField("PyTorchSource", BindingFlags.Public | BindingFlags.Static) is not null;

    private static string Constant(Type type, string name) => (string)type.GetField(name)!.GetValue(null)!;

    private static torch.nn.Module Create(Type type)
    {
        var module = (torch.nn.Module)Activator.CreateInstance(type, [null])!;
        module.eval();
        return module;
    }

    /// <summary>Moves every float parameter and buffer off its initial value, so BatchNorm statistics and zero biases are tested too.</summary>
    private static void Perturb(torch.nn.Module module)
    {
        using var noGrad = torch.no_grad();
        foreach (torch.Tensor tensor in module.parameters().Concat(module.buffers()))
            if (tensor.is_floating_point())
                tensor.add_(torch.rand_like(tensor) * 0.1);
    }

    /// <summary>forward() in float64 (as the Python side runs), rounded back to float32 for the comparison.</summary>
    private static torch.Tensor Forward(Type type, torch.nn.Module module, torch.Tensor[] inputs)
    {
        MethodInfo forward = type.GetMethod("forward", inputs.Select(_ => typeof(torch.Tensor)).ToArray())!;
        using var noGrad = torch.no_grad();
        module.to(torch.ScalarType.Float64);
        object[] wide = inputs.Select(x => (object)(x.is_floating_point() ? x.to(torch.ScalarType.Float64) : x)).ToArray();
        return ((torch.Tensor)forward.Invoke(module, wide)!).to(torch.ScalarType.Float32);
    }

    private static void AssertClose(string what, torch.Tensor expected, torch.Tensor actual)
    {
        Assert.True(expected.shape.SequenceEqual(actual.shape), $"{what}: PyTorch [{string.Join(", ", expected.shape)}] vs TorchSharp [{string.Join(", ", actual.shape)}]");
        float[] theirs = expected.data<float>().ToArray(), ours = actual.data<float>().ToArray();
        for (int i = 0; i < ours.Length; i++)
            Assert.True(Math.Abs(ours[i] - theirs[i]) <= 1e-5 * Math.Max(1, Math.Abs(theirs[i])),
                $"{what}, output {i}: TorchSharp {ours[i].ToString(CultureInfo.InvariantCulture)} vs PyTorch {theirs[i].ToString(CultureInfo.InvariantCulture)}");
    }

    /// <summary>Random stacks and graphs from the property tests' generators, compiled in one assembly.</summary>
    private static IEnumerable<Type> RandomModels()
    {
        var random = new Random(20261201);
        var source = new StringBuilder("using ModelDsl;\nnamespace RandomTwins;\n");
        for (int i = 0; i < RandomStacks; i++)
            source.Append(RandomModelTests.RandomStack(random).Attributes).Append($"public partial class M{i} {{ }}\n");
        for (int i = 0; i < RandomGraphs; i++)
            source.Append(RandomGraphTests.RandomGraph(random).Attributes).Append($"public partial class G{i} {{ }}\n");
        // Names Python cannot use as they are: keywords (reached with getattr) and the module's own imports (locals renamed).
        source.Append("""
            [Model][Input("lambda", 4)][Input("pass", 4)]
            [Dense(3, Name = "def", From = "lambda", Activation = Activation.Tanh)][Dense(3, Name = "torch", From = "pass")]
            [Add(Name = "F", Inputs = new[] { "def", "torch" })][Dense(2, Name = "None")]
            public partial class Keywords { }
            """);
        GeneratorRun run = GeneratorHarness.Run(source.ToString());
        Assert.True(run.Diagnostics.All(d => d.Severity != DiagnosticSeverity.Error),
            string.Join("\n", run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        Assembly assembly = GeneratorHarness.Load(run.Output, "random-twins");
        return Enumerable.Range(0, RandomStacks).Select(i => assembly.GetType($"RandomTwins.M{i}")!)
            .Concat(Enumerable.Range(0, RandomGraphs).Select(i => assembly.GetType($"RandomTwins.G{i}")!))
            .Append(assembly.GetType("RandomTwins.Keywords")!);
    }
}
