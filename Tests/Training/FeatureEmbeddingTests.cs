using ModelDsl.Data;
using ModelDsl.Devices;
using ModelDsl.Explain;
using ModelDsl.Training;
using TorchSharp;

namespace ModelDsl.Tests.Training;

public enum LoanPurpose { Car, Home, Education, Business, Travel }

public enum Housing { Rent, Own, Free }

/// <summary>A record with an explicitly embedded enum, one embedded by the model's default, a robust amount and a flag.</summary>
public sealed record EmbeddedApplicant([Scale(FeatureScale.Robust)] double Amount, [Embed(3)] LoanPurpose Purpose, bool Guarantor, Housing Housing);

[Model(typeof(EmbeddedApplicant), EmbedEnums = 2)]
[Dense(4, Activation = Activation.ReLU)]
[Dense(1, Activation = Activation.Sigmoid)]
[Train(Optimizer = Optimizer.Adam, LearningRate = 0.05, Loss = Loss.BinaryCrossEntropy, BatchSize = 32, Epochs = 12, Metrics = new[] { Metric.Accuracy })]
public partial class EmbeddedRisk
{
}

/// <summary>
/// Entity embeddings (<c>[Embed]</c>, <c>EmbedEnums</c>): the featurizer writes one member-index column per embedded enum,
/// the module looks it up before its first layer, and shapes, parameter counts, training and explanations follow.
/// </summary>
public sealed class FeatureEmbeddingTests
{
    public FeatureEmbeddingTests() => TorchNative.EnsureLoaded();

    private static (List<EmbeddedApplicant> Records, List<float> Targets) Applicants(int count, int seed)
    {
        var random = new Random(seed);
        var records = new List<EmbeddedApplicant>();
        var targets = new List<float>();
        for (int i = 0; i < count; i++)
        {
            var purpose = (LoanPurpose)random.Next(5);
            records.Add(new EmbeddedApplicant(random.NextDouble() * 1000, purpose, random.Next(2) == 1, (Housing)random.Next(3)));
            // Only the purpose decides: education and business loans default.
            targets.Add(purpose is LoanPurpose.Education or LoanPurpose.Business ? 1 : 0);
        }
        return (records, targets);
    }

    [Fact]
    public void Widths_and_parameter_count_are_those_of_a_hand_computation_and_of_torchsharp()
    {
        // Featurized: Amount, Purpose's index, Guarantor, Housing's index. The layers read Amount, 3 + 2 embedded columns, Guarantor.
        Assert.Equal(4, EmbeddedRiskFeaturizer.InputWidth);
        Assert.Equal([4L], EmbeddedRisk.InputShape);
        Assert.Equal(7, EmbeddedRiskFeaturizer.EmbeddedWidth);
        // embed_purpose 5 × 3, embed_housing 3 × 2, dense_1 7 × 4 + 4, dense_2 4 + 1.
        Assert.Equal(15 + 6 + 32 + 5, EmbeddedRisk.ParameterCount);

        using var model = new EmbeddedRisk();
        Assert.Equal(EmbeddedRisk.ParameterCount, model.parameters().Sum(p => p.numel()));
        var shapes = model.state_dict().ToDictionary(p => p.Key, p => p.Value.shape);
        Assert.Equal([5L, 3L], shapes["embed_purpose.weight"]);
        Assert.Equal([3L, 2L], shapes["embed_housing.weight"]);
        Assert.Equal([4L, 7L], shapes["dense_1.weight"]);

        string summary = EmbeddedRisk.Summary();
        Assert.Matches(@"\n embed_purpose \(Embedding\) +\(None, 3\) +15\n", summary);
        Assert.Matches(@"\n embed_housing \(Embedding\) +\(None, 2\) +6\n", summary);
        Assert.Matches(@"\n input_embedded \(Concatenate\) +\(None, 7\) +0\n", summary);
        Assert.Contains("Total params: 58", summary);
        Assert.Contains("Input columns: Amount[robust], Purpose[index of 5 → 3], Guarantor[0/1], Housing[index of 3 → 2]", summary);
    }

    [Fact]
    public void The_featurizer_writes_member_indices_and_the_module_puts_each_embedding_in_its_place()
    {
        (List<EmbeddedApplicant> records, _) = Applicants(5, seed: 3);
        records[0] = new EmbeddedApplicant(100, LoanPurpose.Education, true, Housing.Free);
        EmbeddedRiskFeaturizer featurizer = EmbeddedRiskFeaturizer.Fit(records);
        float[] row = featurizer.Transform(records[0]);
        Assert.Equal([2f, 1f, 2f], new[] { row[1], row[2], row[3] });
        Assert.Equal(new EmbeddedIndexColumn("Purpose", 1, 5, 3), featurizer.EmbeddedColumns[0]);
        Assert.Equal([[0L], [1L], [2L], [3L]], featurizer.Groups.Select(g => g.Columns.ToArray()));
        Assert.Equal([[0L], [1L, 2L, 3L], [4L], [5L, 6L]], featurizer.EmbeddedGroups.Select(g => g.Columns.ToArray()));

        torch.manual_seed(1);
        using var model = new EmbeddedRisk();
        using var scope = torch.NewDisposeScope();
        torch.Tensor input = featurizer.ToTensor(records);
        torch.Tensor embedded = model.EmbedFeatures(input);
        Assert.Equal([5L, 7L], embedded.shape);
        var weights = model.state_dict();
        float[] Row(torch.Tensor t, long r, long from, long count) => t[r].narrow(0, from, count).data<float>().ToArray();
        Assert.Equal(row[0], embedded[0, 0].item<float>());
        Assert.Equal(Row(weights["embed_purpose.weight"], 2, 0, 3), Row(embedded, 0, 1, 3));
        Assert.Equal(1f, embedded[0, 4].item<float>());
        Assert.Equal(Row(weights["embed_housing.weight"], 2, 0, 2), Row(embedded, 0, 5, 2));
        // forward is the layers after the embeddings.
        Assert.Equal(model.ForwardEmbedded(embedded).data<float>().ToArray(), model.forward(input).data<float>().ToArray());

        // The baselines see the indices one-hot again: Amount, Purpose's 5 columns, Guarantor, Housing's 3.
        ModelDsl.Baselines.FeatureTable table = ModelDsl.Baselines.FeatureTable.FromTensor(input).WithOneHot(featurizer.EmbeddedColumns);
        Assert.Equal(10, table.ColumnNames.Count);
        Assert.Equal([row[0], 0f, 0f, 1f, 0f, 0f, 1f, 0f, 0f, 1f], table[0]);
        Assert.Equal("Purpose[2]", table.ColumnNames[3]);
    }

    [Fact]
    public void A_robust_amount_is_centred_on_the_training_median_and_divided_by_its_interquartile_range()
    {
        EmbeddedApplicant Applicant(double amount) => new(amount, LoanPurpose.Car, false, Housing.Rent);
        // Sorted 10 20 30 40 1000: median 30, quartiles 20 and 40.
        EmbeddedRiskFeaturizer featurizer = EmbeddedRiskFeaturizer.Fit([.. new[] { 40.0, 10, 1000, 30, 20 }.Select(Applicant)]);
        Assert.Equal((1000 - 30) / 20f, featurizer.Transform(Applicant(1000))[0], 4);
        Assert.Equal((25 - 30) / 20f, featurizer.Transform(Applicant(25))[0], 4);

        EmbeddedRiskFeaturizer loaded = EmbeddedRiskFeaturizer.Load(featurizer.Save(), "features.json");
        Assert.Equal(featurizer.Transform(Applicant(25)), loaded.Transform(Applicant(25)));
    }

    [Fact]
    public void A_record_beside_another_input_is_embedded_inside_forward()
    {
        Microsoft.CodeAnalysis.Compilation output = ModelDsl.Tests.Generator.GeneratorHarness.Run("""
            using ModelDsl;
            namespace Graphs;
            public enum Use { Car, Home, Other }
            public sealed record Loan(double Amount, [Embed(2)] Use Use);
            [Model]
            [Input("loan", typeof(Loan))]
            [Input("history", 3)]
            [Concatenate(Inputs = new[] { "loan", "history" })]
            [Dense(1, Name = "head")]
            public partial class TwoInputs { }
            """).Output;
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Type type = ModelDsl.Tests.Generator.GeneratorHarness.Load(output, "embedded-graph").GetType("Graphs.TwoInputs")!;
        // embed_use 3 × 2; head reads Amount, 2 embedded columns and 3 history columns: 6 × 1 + 1.
        Assert.Equal(6L + 7L, (long)type.GetField("ParameterCount")!.GetValue(null)!);
        using var module = (torch.nn.Module)Activator.CreateInstance(type, [null])!;
        Assert.Equal(13L, module.parameters().Sum(p => p.numel()));
        using var scope = torch.NewDisposeScope();
        torch.Tensor loan = torch.tensor(new float[] { 0.5f, 2f }, [1, 2]), history = torch.randn(1, 3);
        var y = (torch.Tensor)type.GetMethod("forward")!.Invoke(module, [loan, history])!;
        var weights = module.state_dict();
        torch.Tensor features = torch.cat([loan.narrow(1, 0, 1), weights["embed_use.weight"][2].reshape(1, 2), history], 1);
        Assert.True(y.allclose(torch.nn.functional.linear(features, weights["head.weight"], weights["head.bias"]), 1e-6, 1e-6));
    }

    [SkippableFact]
    public void The_pytorch_twin_embeds_the_same_indices_with_the_same_weights()
    {
        Skip.If(ModelDsl.Tests.Support.PythonTorch.MissingReason is not null, ModelDsl.Tests.Support.PythonTorch.MissingReason);
        using var folder = new ModelDsl.Tests.Support.TemporaryFolder();
        ModelDsl.Export.PyTorchExport.Write(folder.Path, EmbeddedRisk.PyTorchModuleName, EmbeddedRisk.PyTorchSource, EmbeddedRisk.PyTorchTrainingOptions);
        torch.manual_seed(5);
        using var model = new EmbeddedRisk();
        model.eval();
        (List<EmbeddedApplicant> records, _) = Applicants(40, seed: 4);
        using var scope = torch.NewDisposeScope();
        torch.Tensor input = EmbeddedRiskFeaturizer.Fit(records).ToTensor(records);
        TorchSharp.PyBridge.Safetensors.SaveStateDict(Path.Combine(folder.Path, "weights.safetensors"), model.state_dict());
        TorchSharp.PyBridge.Safetensors.SaveStateDict(Path.Combine(folder.Path, "input.safetensors"), new Dictionary<string, torch.Tensor> { ["input"] = input });
        string script = folder.Write("run.py", $$"""
            import sys
            sys.path.insert(0, {{System.Text.Json.JsonSerializer.Serialize(folder.Path)}})
            import torch, modeldsl_safetensors as st
            from {{EmbeddedRisk.PyTorchModuleName}} import EmbeddedRisk
            twin = EmbeddedRisk()
            twin.load_state_dict(st.load_file(sys.argv[1] + "/weights.safetensors"), strict=True)
            twin.eval()
            with torch.no_grad():
                st.save_file({"output": twin(st.load_file(sys.argv[1] + "/input.safetensors")["input"])}, sys.argv[1] + "/output.safetensors")
            """);
        ModelDsl.Tests.Support.ProcessResult result = ModelDsl.Tests.Support.ProcessRunner.Run(ModelDsl.Tests.Support.PythonTorch.Python, [script, folder.Path]);
        Assert.True(result.ExitCode == 0, result.Combined);
        // Every purpose and housing occurs among the 40 rows, so every embedding row is looked up on both sides.
        Assert.Equal(5, records.Select(r => r.Purpose).Distinct().Count());
        torch.Tensor fromPython = TorchSharp.PyBridge.Safetensors.LoadStateDict(Path.Combine(folder.Path, "output.safetensors"))["output"];
        Assert.True(fromPython.allclose(model.forward(input), 1e-5, 1e-6));
    }

    [Fact]
    public void It_trains_on_an_embedded_category_and_explanations_credit_that_property_as_one_feature()
    {
        (List<EmbeddedApplicant> train, List<float> trainTargets) = Applicants(600, seed: 1);
        (List<EmbeddedApplicant> test, List<float> testTargets) = Applicants(200, seed: 2);
        using EmbeddedRiskTrainer trainer = EmbeddedRiskTrainer.Create(EmbeddedRiskTrainer.DefaultOptions with { Seed = 7, ValidationSplit = 0 });
        trainer.Fit(train, trainTargets);

        // The label is a function of the purpose alone, which reaches the network only through embed_purpose.
        double accuracy = trainer.Evaluate(test, testTargets)["accuracy"];
        Assert.True(accuracy > 0.95, $"accuracy {accuracy}: the embedding did not learn which purposes default");

        EmbeddedRiskFeaturizer featurizer = trainer.Featurizer!;
        using var scope = torch.NewDisposeScope();
        torch.Tensor heldOut = featurizer.ToTensor(test);
        IReadOnlyList<FeatureImportance> ranking = PermutationImportance.Compute(
            x => trainer.Predict(x).data<float>().ToArray(), heldOut, [.. testTargets],
            (predictions, targets) => MetricCalculator.RocAuc(predictions, targets, 1f), featurizer.Groups, repeats: 2, seed: 1);
        Assert.Equal(["Amount", "Guarantor", "Housing", "Purpose"], ranking.Select(r => r.Feature).Order());
        Assert.Equal("Purpose", ranking[0].Feature);
        Assert.True(ranking[0].Importance > 0.3, $"shuffling Purpose lowered ROC AUC by only {ranking[0].Importance}");

        // Integrated gradients run after the embeddings; Purpose's credit is the sum over its 3 embedded columns.
        int example = testTargets.IndexOf(1);
        IntegratedGradientsResult result = IntegratedGradients.ExplainEmbedded(trainer.Model, heldOut.narrow(0, example, 1), featurizer.ToTensor(train), 0);
        Assert.Equal(7, result.Attributions.Length);
        Assert.True(result.CompletenessError < 0.05 * Math.Max(1, Math.Abs(result.Total)), $"attributions add up to {result.Total}, not {result.OutputAtInput - result.OutputAtBaseline}");
        var credit = featurizer.EmbeddedGroups.ToDictionary(g => g.Name, g => g.Columns.Sum(c => (double)result.Attributions[c]));
        Assert.Equal("Purpose", credit.MaxBy(c => Math.Abs(c.Value)).Key);
        Assert.True(credit["Purpose"] > 0, $"a defaulting purpose should raise the logit, got {credit["Purpose"]}");

        // Through the member indices every embedded enum would get 0 credit; the trainer refuses and points here instead.
        var refused = Assert.Throws<ArgumentException>(() => trainer.ExplainIntegratedGradients(
            ModelDsl.Data.ModelInputs.Single(heldOut.narrow(0, example, 1)), ModelDsl.Data.ModelInputs.Single(torch.zeros(1, 4)), target: 0));
        Assert.Contains("IntegratedGradients.ExplainEmbedded", refused.Message);
    }
}
