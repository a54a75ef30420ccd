using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// Issue 14's fuzz test: seeded mutations of valid YAML and C# specs (<see cref="SpecMutator"/>), run in batches through
/// the generator for a fixed time, each checked by <see cref="FuzzOracle"/>. A failing case is rerun alone (so a defect
/// is pinned to one spec) and cut down line by line to the smallest text that still fails the same way; the test prints
/// one such reproducer per kind of failure, and the figures it checked.
/// </summary>
public sealed class GeneratorFuzzTests(ITestOutputHelper output)
{
    private const int Seed = 20261201;
    private const int YamlBatch = 40;
    private const int CSharpBatch = 20;

    /// <summary>Fewer than these means the test checked too little to mean anything (runs on a loaded 2-core machine checked 700 to 2,900 specs in the 45 s).</summary>
    private const int MinimumYaml = 200;

    private const int MinimumCSharp = 50;

    /// <summary>
    /// Mutation categories that are not applied, because the generator still fails on them (each with its item of issue 14).
    /// Empty when every failure the fuzz finds is fixed; the test prints it.
    /// </summary>
    internal static readonly IReadOnlySet<string> MutationsSkippedUntilFixed = new HashSet<string>(StringComparer.Ordinal)
    {

    };

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(Setting("MODELDSL_FUZZ_SECONDS", 45));
    private static readonly TimeSpan ReductionBudget = TimeSpan.FromSeconds(30);

    /// <summary>A batch that takes this long is taken to hang (a normal one takes about a second).</summary>
    private static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(60);

    [Fact]
    public void Mutated_specs_never_break_the_generator_and_accepted_ones_compile()
    {
        int seed = (int)Setting("MODELDSL_FUZZ_SEED", Seed);
        var mutator = new SpecMutator(seed, MutationsSkippedUntilFixed);
        var clock = Stopwatch.StartNew();
        var failures = new List<FuzzOracle.Failure>();
        var notes = new List<FuzzOracle.Failure>();
        TimeSpan isolating = TimeSpan.Zero;
        var compiledBefore = new HashSet<string>(StringComparer.Ordinal);
        int yamlSpecs = 0, csharpSpecs = 0, mdslErrors = 0, compiled = 0, ownSyntaxErrors = 0, generatedFilesCompiled = 0, generatedFilesChecked = 0, batches = 0, compilations = 0, id = 0;
        while (clock.Elapsed < Budget)
        {
            // Two YAML batches to one C# batch: YAML is the front end most mutations reach.
            bool yaml = batches % 3 != 2;
            var batch = Enumerable.Range(0, yaml ? YamlBatch : CSharpBatch).Select(_ => mutator.Next(id++, yaml)).ToList();
            batches++;
            bool hang = false;
            // A case that lost its marker (its namespace line deleted, the file cut short) runs alone: in a batch its
            // generated files could not be told from others', and its global-namespace class would merge with another case's.
            var marked = batch.Where(c => c.Files.All(f => f.Text.Contains(c.Marker, StringComparison.Ordinal))).ToList();
            foreach (List<FuzzCase> cases in batch.Except(marked).Select(c => new List<FuzzCase> { c }).Prepend(marked).Where(r => r.Count > 0))
            {
                compilations++;
                if (Guarded(cases, HangLimit, compiledBefore) is not { } outcome)
                {
                    failures.Add(HangIn(cases));
                    hang = true;
                    break;
                }
                foreach (FuzzOracle.CaseResult result in outcome.Cases.Values)
                {
                    mdslErrors += result.MdslErrors ? 1 : 0;
                    compiled += result.Compiled ? 1 : 0;
                    ownSyntaxErrors += result.OwnSyntaxErrors && !result.MdslErrors ? 1 : 0;
                }
                generatedFilesCompiled += outcome.GeneratedFilesCompiled;
                generatedFilesChecked += outcome.GeneratedFilesChecked;
                notes.AddRange(outcome.Notes);
                if (outcome.Failures.Count > 0)
                {
                    TimeSpan before = clock.Elapsed;
                    failures.AddRange(cases.Count == 1 ? outcome.Failures.Select(f => f with { Case = cases[0] }) : Isolate(cases, outcome.Failures, TimeSpan.FromSeconds(15), notes));
                    isolating += clock.Elapsed - before;
                }
            }
            if (yaml)
                yamlSpecs += batch.Count;
            else
                csharpSpecs += batch.Count;
            if (hang)
                break;
        }
        TimeSpan fuzzing = clock.Elapsed;

        string figures = string.Create(CultureInfo.InvariantCulture,
            $"generator fuzz, seed {seed}: {yamlSpecs} YAML and {csharpSpecs} C# specs in {batches} batches ({compilations} compilations: cases without their marker run alone); {mdslErrors} gave MDSL errors; " +
            $"{compiled} compiled (no MDSL error, code generated, no C# error or warning in it: {generatedFilesCompiled} generated files, " +
            $"{generatedFilesChecked} of them bound, the others the same as one bound before); " +
            $"{ownSyntaxErrors} C# specs had syntax errors of their own; {failures.Count} failing; {fuzzing.TotalSeconds:0.0} s " +
            $"({isolating.TotalSeconds:0.0} s of it rerunning failing specs alone; " +
            $"budget {Budget.TotalSeconds:0} s). Mutations skipped until fixed: {(MutationsSkippedUntilFixed.Count == 0 ? "none" : string.Join(", ", MutationsSkippedUntilFixed))}.");
        output.WriteLine(figures);

        string report = Report(failures, clock) + Notes(notes);
        output.WriteLine(report);
        if (Environment.GetEnvironmentVariable("MODELDSL_FUZZ_REPORT") is { Length: > 0 } path)
            File.WriteAllText(path, figures + "\n\n" + report);

        Assert.True(failures.Count == 0, figures + "\n" + report);
        Assert.True(yamlSpecs >= MinimumYaml && csharpSpecs >= MinimumCSharp, $"checked too few specs: {figures}");
        Assert.True(compiled > 0 && mdslErrors > 0, $"the mutations should give both accepted and refused specs: {figures}");
    }

    /// <summary>Reruns the cases a batch failure points to (every case, where it points to none) alone, to pin each failure to one spec; adds to <paramref name="notes"/> what cannot be pinned and is not a failure.</summary>
    private static IEnumerable<FuzzOracle.Failure> Isolate(IReadOnlyList<FuzzCase> batch, IReadOnlyList<FuzzOracle.Failure> failures, TimeSpan budget,
        List<FuzzOracle.Failure> notes)
    {
        var clock = Stopwatch.StartNew();
        var suspects = failures.Any(f => f.Case is null) ? batch.ToList() : failures.Select(f => f.Case!).Distinct().ToList();
        var found = new List<FuzzOracle.Failure>();
        var alone = new Dictionary<int, IReadOnlyList<FuzzOracle.Failure>>();
        foreach (FuzzCase suspect in suspects)
        {
            if (clock.Elapsed > budget)
                break;
            if (Guarded([suspect], HangLimit) is not { } outcome)
            {
                found.Add(new FuzzOracle.Failure("hang (one spec ran past the limit)", suspect, $"over {HangLimit.TotalSeconds:0} s"));
                break;
            }
            alone[suspect.Id] = outcome.Failures;
            found.AddRange(outcome.Failures.Select(f => f with { Case = suspect }));
        }
        // A failure that does not come back when its case runs alone needs other cases of the batch (two models whose
        // outputs clash): it is reported with the whole batch, which the reduction then cuts down.
        foreach (FuzzOracle.Failure failure in failures)
        {
            bool reproduced = failure.Case is { } owner
                ? alone.TryGetValue(owner.Id, out var again) && again.Any(f => f.Signature == failure.Signature)
                : found.Count > 0;
            // A generated file that could not be traced to a spec, where no spec fails alone, comes from a spec whose own
            // code does not parse (and so is not held to compiling alone): shown, not asserted.
            if (!reproduced && failure.Case is null)
                notes.Add(failure with { Signature = failure.Signature + " (generated file not traced to a spec; none fails alone)" });
            else if (!reproduced)
                found.Add(failure with
                {
                    Signature = failure.Signature + " (only with other specs)",
                    Case = Merged(batch),
                    Detail = (failure.Case is null ? "" : $"seen at case {failure.Case.Id}: ") + failure.Detail,
                });
        }
        return found;
    }

    /// <summary>One case holding every file of <paramref name="cases"/>, so a failure that needs several of them can be shown and reduced.</summary>
    private static FuzzCase Merged(IReadOnlyList<FuzzCase> cases) =>
        new(cases[0].Id, cases[0].IsYaml, $"cases {string.Join(", ", cases.Select(c => c.Id))} together",
            [.. cases.SelectMany(c => c.Yaml)], [.. cases.SelectMany(c => c.CSharp)]);

    private static FuzzOracle.Failure HangIn(IReadOnlyList<FuzzCase> batch) =>
        new("hang (a batch ran past the limit)", Merged(batch), $"over {HangLimit.TotalSeconds:0} s; its mutations:\n" +
            string.Join("\n", batch.Select(c => $"  case {c.Id}: {c.Mutations}")));

    /// <summary>Runs the oracle on its own thread, so that a generator that loops cannot stop the test: null when it runs past <paramref name="limit"/>.</summary>
    private static FuzzOracle.Outcome? Guarded(IReadOnlyList<FuzzCase> cases, TimeSpan limit, ISet<string>? compiledBefore = null)
    {
        compiledBefore ??= new HashSet<string>(StringComparer.Ordinal);
        FuzzOracle.Outcome? outcome = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                outcome = FuzzOracle.Run(cases, compiledBefore);
            }
            catch (Exception ex)
            {
                error = ex;
            }
        });
        thread.IsBackground = true;
        thread.Name = "generator fuzz";
        thread.Start();
        if (!thread.Join(limit))
            return null;
        if (error is not null)
            return new FuzzOracle.Outcome([new FuzzOracle.Failure($"the compilation threw {error.GetType().Name}", null, error.ToString())],
                cases.ToDictionary(c => c.Id, _ => new FuzzOracle.CaseResult(false, false, 0, false)), 0, 0, []);
        return outcome;
    }

    /// <summary>One reproducer per kind of failure, each cut down to the fewest lines that still fail the same way.</summary>
    private static string Report(IReadOnlyList<FuzzOracle.Failure> failures, Stopwatch clock)
    {
        if (failures.Count == 0)
            return "No failures.";
        var text = new StringBuilder();
        var kinds = failures.Where(f => f.Case is not null).GroupBy(f => f.Signature).OrderByDescending(g => g.Count()).ToList();
        text.Append(CultureInfo.InvariantCulture, $"{failures.Count} failures of {kinds.Count} kinds:\n");
        TimeSpan end = clock.Elapsed + ReductionBudget;
        for (int k = 0; k < kinds.Count; k++)
        {
            var kind = kinds[k];
            // Each kind gets an equal share of what is left, so the last kinds are reduced too.
            TimeSpan until = clock.Elapsed + (end - clock.Elapsed) / (kinds.Count - k);
            FuzzOracle.Failure first = kind.OrderBy(f => f.Case!.Files.Sum(file => file.Text.Length)).First();
            FuzzCase smallest = Reduce(first.Case!, kind.Key, clock, until);
            FuzzOracle.Failure shown = Guarded([smallest], HangLimit)?.Failures.FirstOrDefault(f => f.Signature == kind.Key) ?? first;
            text.Append(CultureInfo.InvariantCulture, $"\n## {kind.Key} ({kind.Count()} specs; cases {string.Join(", ", kind.Select(f => f.Case!.Id).Distinct().Take(8))})\n");
            text.Append(shown.Detail).Append('\n').Append(smallest.Describe());
        }
        foreach (FuzzOracle.Failure unplaced in failures.Where(f => f.Case is null))
            text.Append(CultureInfo.InvariantCulture, $"\n## {unplaced.Signature} (not pinned to a spec)\n{unplaced.Detail}\n");
        return text.ToString();
    }

    /// <summary>Problems that are shown, not asserted: one example of each kind.</summary>
    private static string Notes(IReadOnlyList<FuzzOracle.Failure> notes)
    {
        if (notes.Count == 0)
            return "";
        var text = new StringBuilder($"\n\nNot asserted ({notes.Count}): C# errors or warnings in generated code beside an MDSL error (in the stub a model with MDSL errors gets) or beside the user's own C# error or syntax error:\n");
        foreach (var kind in notes.GroupBy(n => n.Signature).OrderByDescending(g => g.Count()))
        {
            FuzzOracle.Failure example = kind.OrderBy(n => n.Case?.Files.Sum(f => f.Text.Length) ?? 0).First();
            text.Append(CultureInfo.InvariantCulture, $"\n## {kind.Key} ({kind.Count()} specs)\n{example.Detail}\n{example.Case?.Describe()}");
        }
        return text.ToString();
    }

    /// <summary>
    /// Removes chunks of lines (halves, then quarters, … then single lines) from each file of <paramref name="failing"/>
    /// while it still fails with <paramref name="signature"/>, until <paramref name="until"/>.
    /// </summary>
    private static FuzzCase Reduce(FuzzCase failing, string signature, Stopwatch clock, TimeSpan until)
    {
        bool StillFails(FuzzCase candidate) =>
            Guarded([candidate], TimeSpan.FromSeconds(20)) is { } outcome && outcome.Failures.Any(f => f.Signature == signature);

        var texts = failing.Files.Select(f => f.Text).ToList();
        // Whole files first: a failure that needs several specs usually needs two of them.
        for (int file = 0; file < texts.Count && texts.Count > 1 && clock.Elapsed < until; file++)
        {
            var candidateTexts = texts.ToList();
            candidateTexts[file] = "";
            if (texts[file].Length > 0 && StillFails(failing.WithTexts(candidateTexts)))
                texts = candidateTexts;
        }
        for (int file = 0; file < texts.Count; file++)
        {
            var lines = System.Text.RegularExpressions.Regex.Split(texts[file], @"(?<=\n)|(?<=\r)(?!\n)").Where(l => l.Length > 0).ToList();
            for (int chunk = Math.Max(1, lines.Count / 2); chunk >= 1 && clock.Elapsed < until; chunk /= 2)
            {
                for (int start = 0; start < lines.Count && clock.Elapsed < until;)
                {
                    var shorter = lines.Take(start).Concat(lines.Skip(start + chunk)).ToList();
                    var candidateTexts = texts.ToList();
                    candidateTexts[file] = string.Concat(shorter);
                    if (shorter.Count < lines.Count && StillFails(failing.WithTexts(candidateTexts)))
                    {
                        lines = shorter;
                        texts = candidateTexts;
                    }
                    else
                        start += chunk;
                }
            }
        }
        return failing.WithTexts(texts);
    }

    private static double Setting(string name, double fallback) =>
        double.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : fallback;
}
