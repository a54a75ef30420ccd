using Microsoft.CodeAnalysis;
using ModelDsl.Generator;

namespace ModelDsl.Benchmarks;

/// <summary>
/// How much work one generator pass did, from the outputs of ModelDsl's own tracked steps (parsed attribute models,
/// parsed YAML models, classes with layer attributes but no [Model]) and of its source outputs: New, Modified and
/// Removed outputs are work; Cached and Unchanged are none. Roslyn's internal syntax-provider steps are left out: they
/// see every edited file by design.
/// </summary>
internal sealed record GeneratorWork(int New, int Modified, int Removed, int Cached, int Unchanged)
{
    private static readonly string[] OwnSteps = [ModelGenerator.CheckedModelsStep, ModelGenerator.YamlModelsStep, ModelGenerator.UnmarkedModelsStep];

    public int Regenerated => New + Modified + Removed;

    public static GeneratorWork Of(GeneratorRunResult run)
    {
        var reasons = OwnSteps.Where(run.TrackedSteps.ContainsKey).SelectMany(name => run.TrackedSteps[name])
            .Concat(run.TrackedOutputSteps.Values.SelectMany(steps => steps))
            .SelectMany(step => step.Outputs)
            .Select(output => output.Reason)
            .ToList();
        int Count(IncrementalStepRunReason reason) => reasons.Count(r => r == reason);
        return new GeneratorWork(Count(IncrementalStepRunReason.New), Count(IncrementalStepRunReason.Modified),
            Count(IncrementalStepRunReason.Removed), Count(IncrementalStepRunReason.Cached), Count(IncrementalStepRunReason.Unchanged));
    }

    public override string ToString() => $"new {New}, modified {Modified}, removed {Removed}, cached {Cached}, unchanged {Unchanged}";
}
