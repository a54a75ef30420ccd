using System.Reflection;
using System.Text.RegularExpressions;
using ModelDsl.Checkpoints;
using ModelDsl.Models.Declarations;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Docs;

/// <summary>
/// docs/api.md names only what exists: every type in a <c>## `Namespace.Type`</c> heading, and every member in the first
/// column of its table, with its parameter names in declaration order and <c>= default</c> exactly on the optional ones.
/// </summary>
public sealed partial class ApiReferenceTests
{
    private static readonly Assembly[] Assemblies = [typeof(CheckpointStore).Assembly, typeof(CreditMlpTrainer).Assembly];

    [GeneratedRegex(@"^## `(?<type>[\w.<>]+)`", RegexOptions.Multiline)]
    private static partial Regex TypeHeading();

    [GeneratedRegex(@"`(?<name>new|\w+)(\((?<parameters>[^)]*)\))?`")]
    private static partial Regex MemberSpan();

    /// <summary>Each documented type with the members its table's first column names.</summary>
    private static List<(string Type, List<string> Members)> Documented()
    {
        string[] lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "docs", "api.md"));
        var sections = new List<(string, List<string>)>();
        foreach (string line in lines)
        {
            Match heading = TypeHeading().Match(line);
            if (heading.Success)
                sections.Add((heading.Groups["type"].Value, []));
            else if (sections.Count > 0 && line.StartsWith("| `", StringComparison.Ordinal))
                sections[^1].Item2.Add(line.Split('|')[1]);
        }
        return sections;
    }

    private static Type Resolve(string name)
    {
        string clr = Regex.Replace(name, "<[^>]+>", m => $"`{m.Value.Count(c => c == ',') + 1}");
        return Assemblies.Select(a => a.GetType(clr)).OfType<Type>().FirstOrDefault()
            ?? throw new Xunit.Sdk.XunitException($"docs/api.md names type '{name}', which neither assembly has");
    }

    [Fact]
    public void Every_type_member_and_parameter_the_page_names_exists_as_written()
    {
        List<(string Type, List<string> Members)> documented = Documented();
        Assert.True(documented.Count >= 10, $"only {documented.Count} sections found");
        var problems = new List<string>();
        foreach ((string typeName, List<string> cells) in documented)
        {
            Type type = Resolve(typeName);
            Assert.True(type.IsPublic, $"{typeName} is not public");
            foreach (Match span in cells.SelectMany(cell => MemberSpan().Matches(cell)))
                if (Problem(type, span) is { } problem)
                    problems.Add($"{typeName}: `{span.Value.Trim('`')}`: {problem}");
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public void The_page_covers_what_users_had_to_read_source_to_find()
    {
        string[] types = Documented().Select(d => d.Type.Split('.')[^1]).ToArray();
        foreach (string expected in new[] { "CheckpointStore", "CheckpointCallback", "PermutationImportance", "WeightExport", "CsvTable", "TimeSeriesWindows", "CreditMlpTrainer",
                     "OnnxModel", "OnnxBoundBatch", "OnnxRecordInputs", "OnnxMetadata", "OnnxGraphBuilder" })
            Assert.Contains(expected, types);
        List<string> trainer = Documented().Single(d => d.Type.EndsWith("CreditMlpTrainer", StringComparison.Ordinal)).Members;
        foreach (string member in new[] { "`Fit(train, trainTargets", "`ToDataset(", "`LoadFeaturizer(" })
            Assert.Contains(trainer, cell => cell.Contains(member, StringComparison.Ordinal));
    }

    /// <summary>Null when <paramref name="span"/> matches a public member of <paramref name="type"/>; otherwise what is wrong.</summary>
    private static string? Problem(Type type, Match span)
    {
        string name = span.Groups["name"].Value;
        const BindingFlags Public = BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.FlattenHierarchy;
        if (!span.Groups["parameters"].Success)
            return type.GetMember(name, Public).Length > 0 ? null : "no public member of that name";

        List<(string Name, bool Optional)> written = span.Groups["parameters"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => (p.Replace("= default", "").Trim(), p.EndsWith("= default", StringComparison.Ordinal))).ToList();
        MethodBase[] overloads = name == "new"
            ? type.GetConstructors()
            : type.GetMethods(Public).Where(m => m.Name == name).ToArray<MethodBase>();
        if (overloads.Length == 0)
            return "no public method or constructor of that name";
        bool matches = overloads.Any(o => o.GetParameters().Select(p => (p.Name!, p.IsOptional)).SequenceEqual(written));
        return matches ? null : "no overload has exactly these parameters; declared: " +
            string.Join(" | ", overloads.Select(o => string.Join(", ", o.GetParameters().Select(p => p.Name + (p.IsOptional ? " = default" : "")))));
    }
}
