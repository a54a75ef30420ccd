using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using ModelDsl.Generator;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// Runs a batch of fuzz cases through the generator in one compilation and checks what issue 14 asks of every input:
/// the generator does not throw (no exception, no CS8785, no MDSL0999); each of its diagnostics lies inside the file it
/// names; a case without MDSL errors gets generated code with no C# error or warning (users build with warnings as
/// errors); and no case is dropped with neither output nor a diagnostic. Failures are traced to their case by its marker.
/// </summary>
internal static class FuzzOracle
{
    /// <summary>A broken promise: its kind (<see cref="Signature"/>, one per category of defect), the case (null when it cannot be told), what happened.</summary>
    internal sealed record Failure(string Signature, FuzzCase? Case, string Detail);

    /// <summary>What the batch showed about one case.</summary>
    internal sealed record CaseResult(bool MdslErrors, bool OwnSyntaxErrors, int GeneratedFiles, bool Compiled);

    /// <summary>
    /// The result of one batch: failures; per case id, what the case showed; generated files that compiled, and how many
    /// of them were bound (the rest compiled before); and notes, problems that are reported but not asserted.
    /// </summary>
    internal sealed record Outcome(IReadOnlyList<Failure> Failures, IReadOnlyDictionary<int, CaseResult> Cases, int GeneratedFilesCompiled, int GeneratedFilesChecked,
        IReadOnlyList<Failure> Notes);

    /// <summary>
    /// An empty compilation against the runtime, warning level as the SDK sets it (all warning waves). Batches add their
    /// trees to it, which reuses its bound references instead of binding them again for every batch.
    /// </summary>
    private static readonly CSharpCompilation Empty = CSharpCompilation.Create("Fuzz", [], GeneratorHarness.RuntimeReferences,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable).WithWarningLevel(9999));

    private static readonly Regex MarkerPattern = new(@"Fz(\d+)", RegexOptions.Compiled);

    /// <param name="cases">The batch.</param>
    /// <param name="compiledBefore">Keys of generated code already seen to compile (read and added to).</param>
    public static Outcome Run(IReadOnlyList<FuzzCase> cases, ISet<string> compiledBefore)
    {
        var texts = new Dictionary<string, SourceText>(StringComparer.Ordinal);
        var owners = new Dictionary<string, FuzzCase>(StringComparer.Ordinal);
        var byId = cases.ToDictionary(c => c.Id);
        var trees = new List<SyntaxTree>();
        var additional = new List<AdditionalText>();
        var ownSyntaxErrors = new HashSet<int>();
        foreach (FuzzCase fuzzCase in cases)
        {
            foreach (FuzzCase.File file in fuzzCase.Yaml)
            {
                additional.Add(new InMemoryAdditionalText(file.Path, file.Text));
                texts[file.Path] = SourceText.From(file.Text);
                owners[file.Path] = fuzzCase;
            }
            foreach (FuzzCase.File file in fuzzCase.CSharp)
            {
                SyntaxTree tree = CSharpSyntaxTree.ParseText(file.Text, GeneratorHarness.ParseOptions, file.Path);
                if (tree.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
                    ownSyntaxErrors.Add(fuzzCase.Id);
                trees.Add(tree);
                texts[file.Path] = tree.GetText();
                owners[file.Path] = fuzzCase;
            }
        }

        CSharpCompilation compilation = Empty.AddSyntaxTrees(trees);
        GeneratorDriver driver = CSharpGeneratorDriver.Create([new ModelGenerator().AsSourceGenerator()], additional, GeneratorHarness.ParseOptions)
            .RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> driverDiagnostics);
        GeneratorDriverRunResult run = driver.GetRunResult();

        var failures = new List<Failure>();
        // A case run alone owns everything (reducing it may have removed its marker).
        FuzzCase? Traced(string text) => cases.Count == 1 ? cases[0] :
            MarkerPattern.Matches(text).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
                .Where(byId.ContainsKey).Select(id => byId[id]).FirstOrDefault();

        foreach (GeneratorRunResult result in run.Results)
            if (result.Exception is { } exception)
                failures.Add(new Failure($"generator threw {exception.GetType().Name} (CS8785: all output dropped)", Traced(exception.ToString()), FirstLines(exception.ToString(), 8)));
        // CS8785 is how the build shows an exception; report it on its own only when no exception was seen.
        foreach (Diagnostic diagnostic in driverDiagnostics.Concat(run.Diagnostics).Distinct())
            if (diagnostic.Id is "CS8785" or "CS8784" && failures.Count == 0)
                failures.Add(new Failure(diagnostic.Id + " (the generator failed and dropped all output)", Traced(diagnostic.GetMessage()), diagnostic.GetMessage()));

        var mdslErrors = new HashSet<int>();
        var diagnosed = new HashSet<int>();
        foreach (Diagnostic diagnostic in run.Diagnostics.Where(d => d.Id.StartsWith("MDSL", StringComparison.Ordinal)))
        {
            string path = diagnostic.Location.GetLineSpan().Path ?? "";
            FuzzCase? owner = owners.GetValueOrDefault(path) ?? Traced(diagnostic.GetMessage());
            if (owner is not null)
            {
                diagnosed.Add(owner.Id);
                if (diagnostic.Severity == DiagnosticSeverity.Error)
                    mdslErrors.Add(owner.Id);
            }
            if (diagnostic.Id == "MDSL0999")
                failures.Add(new Failure("MDSL0999 internal error", owner, diagnostic.ToString()));
            if (LocationProblem(diagnostic, texts) is { } problem)
                failures.Add(new Failure($"{diagnostic.Id} located outside its file", owner, $"{problem}: {diagnostic}"));
        }

        var generated = output.SyntaxTrees.Except(compilation.SyntaxTrees)
            .Select(tree => (Tree: tree, Owner: Traced(tree.GetText().ToString()))).ToList();
        var generatedFiles = generated.Where(g => g.Owner is not null).GroupBy(g => g.Owner!.Id).ToDictionary(g => g.Key, g => g.Count());
        var brokenOutput = new HashSet<int>();
        var notes = new List<Failure>();
        int compiledFiles = 0, checkedFiles = 0;
        foreach (var group in generated.GroupBy(g => g.Owner?.Id))
        {
            FuzzCase? owner = group.First().Owner;
            // User code that does not parse is not held to compiling. A model with MDSL errors gets a stub; what the stub
            // adds to the user's error list is noted, not asserted (the MDSL error is what the user must fix).
            if (owner is not null && ownSyntaxErrors.Contains(owner.Id))
                continue;
            if (owner is not null && mdslErrors.Contains(owner.Id))
            {
                foreach (SyntaxTree tree in group.Select(g => g.Tree))
                    if (Problems(output, tree) is { Count: > 0 } problems)
                        notes.Add(Described($"stub of a model with MDSL errors does not compile: {problems[0].Id}", owner, tree, problems));
                continue;
            }
            // Many mutations leave the generated code as it was (a comment, a line break, a key moved): what compiled once
            // compiles again, so it is checked once. The key is everything the case compiles, with its marker taken out.
            string? key = owner is null ? null : string.Join("\0", group.Select(g => g.Tree.GetText().ToString()).Order(StringComparer.Ordinal)
                .Concat(owner.CSharp.Select(f => f.Text))).Replace(owner.Marker, "Fz", StringComparison.Ordinal);
            if (key is not null && compiledBefore.Contains(key))
            {
                compiledFiles += group.Count();
                continue;
            }
            bool clean = true;
            foreach (SyntaxTree tree in group.Select(g => g.Tree))
            {
                checkedFiles++;
                var problems = Problems(output, tree);
                // A warning the user's own declaration also gets (CS8981 on 'class dynamic') is the user's to fix, not the
                // generator's; and where the user's code has errors of its own (a duplicate property in the record, a
                // class that cannot be 'protected'), what follows from them in generated code is noted, not asserted.
                if (problems.Count > 0 && owner is not null && owner.CSharp.Length > 0)
                {
                    var own = owner.CSharp.SelectMany(f => Problems(output, output.SyntaxTrees.First(t => t.FilePath == f.Path))).ToList();
                    problems.RemoveAll(d => d.Severity == DiagnosticSeverity.Warning && own.Any(o => o.Id == d.Id));
                    if (problems.Count > 0 && own.FirstOrDefault(o => o.Severity == DiagnosticSeverity.Error) is { } ownError)
                    {
                        notes.Add(Described($"generated code does not compile beside the user's own error {ownError.Id}: {problems[0].Id}", owner, tree, problems));
                        clean = false;
                        brokenOutput.Add(owner.Id);
                        continue;
                    }
                }
                if (problems.Count == 0)
                {
                    compiledFiles++;
                    continue;
                }
                clean = false;
                if (owner is not null)
                    brokenOutput.Add(owner.Id);
                failures.Add(Described($"generated code does not compile: {problems[0].Id}", owner, tree, problems));
            }
            if (clean && key is not null)
                compiledBefore.Add(key);
        }

        // A case that produced nothing and was told nothing lost its model silently (a user sees no reason).
        foreach (FuzzCase fuzzCase in cases)
        {
            if (generatedFiles.ContainsKey(fuzzCase.Id) || diagnosed.Contains(fuzzCase.Id) || ownSyntaxErrors.Contains(fuzzCase.Id) || failures.Count > 0)
                continue;
            bool declaresModel = fuzzCase.IsYaml || fuzzCase.CSharp.Any(f => f.Text.Contains("[Model", StringComparison.Ordinal));
            bool ownErrors = fuzzCase.CSharp.Any(f => output.GetSemanticModel(output.SyntaxTrees.First(t => t.FilePath == f.Path)).GetDiagnostics()
                .Any(d => d.Severity == DiagnosticSeverity.Error));
            if (declaresModel && !ownErrors)
                failures.Add(new Failure("model dropped with no diagnostic and no output", fuzzCase, "no generated file and no MDSL diagnostic"));
        }

        var results = cases.ToDictionary(c => c.Id, c => new CaseResult(mdslErrors.Contains(c.Id), ownSyntaxErrors.Contains(c.Id), generatedFiles.GetValueOrDefault(c.Id),
            !mdslErrors.Contains(c.Id) && !ownSyntaxErrors.Contains(c.Id) && generatedFiles.ContainsKey(c.Id) && !brokenOutput.Contains(c.Id)));
        return new Outcome(failures, results, compiledFiles, checkedFiles, notes);
    }

    /// <summary>Errors, and warnings (users build with warnings as errors), that the compiler reports in <paramref name="tree"/>.</summary>
    private static List<Diagnostic> Problems(Compilation output, SyntaxTree tree) =>
        output.GetSemanticModel(tree).GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error || (d.Severity == DiagnosticSeverity.Warning && !d.IsSuppressed)).ToList();

    private static Failure Described(string signature, FuzzCase? owner, SyntaxTree tree, List<Diagnostic> problems)
    {
        Diagnostic first = problems[0];
        int line = first.Location.GetLineSpan().StartLinePosition.Line;
        return new Failure(signature, owner,
            $"{problems.Count} error(s) in generated {Path.GetFileName(tree.FilePath)}, first: {first}\n    at: {tree.GetText().Lines[line].ToString().Trim()}" +
            string.Concat(problems.Skip(1).Take(2).Select(p => "\n    also: " + p)));
    }

    /// <summary>Why <paramref name="diagnostic"/> is not inside the file it names, or null when it is.</summary>
    private static string? LocationProblem(Diagnostic diagnostic, IReadOnlyDictionary<string, SourceText> texts)
    {
        if (diagnostic.Location.Kind == LocationKind.None)
            return "it has no location";
        FileLinePositionSpan span = diagnostic.Location.GetLineSpan();
        if (!texts.TryGetValue(span.Path ?? "", out SourceText? text))
            return $"its file '{span.Path}' is none of the spec's files";
        LinePosition start = span.StartLinePosition, end = span.EndLinePosition;
        if (start.Line < 0 || start.Line >= text.Lines.Count)
            return $"line {start.Line + 1} is outside the file ({text.Lines.Count} lines)";
        int width = text.Lines[start.Line].Span.Length;
        if (start.Character < 0 || start.Character > width)
            return $"column {start.Character + 1} is outside line {start.Line + 1} ({width} characters)";
        if (end < start || end.Line >= text.Lines.Count)
            return $"its end ({end.Line + 1},{end.Character + 1}) is before its start or outside the file";
        TextSpan offsets = diagnostic.Location.SourceSpan;
        if (offsets.End > text.Length)
            return $"its character span {offsets} ends after the file ({text.Length} characters)";
        if (!offsets.IsEmpty && text.Lines.GetLinePosition(offsets.Start) is var position && position != start)
            return $"its offset {offsets.Start} is at ({position.Line + 1},{position.Character + 1}) but its line and column say ({start.Line + 1},{start.Character + 1})";
        return null;
    }

    private static string FirstLines(string text, int count) => string.Join("\n", text.Split('\n').Take(count));
}
