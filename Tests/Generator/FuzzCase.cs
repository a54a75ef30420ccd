using System.Collections.Immutable;
using System.Text;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// One mutated spec of the generator fuzz test: its YAML files and C# files (usually one file; two where the mutation is
/// a second model beside the first), and the mutations that made it. Every name it declares carries <see cref="Marker"/>
/// (in its namespace), so that generated files and exception messages in a batch of cases can be traced back to it.
/// </summary>
internal sealed record FuzzCase(int Id, bool IsYaml, string Mutations, ImmutableArray<FuzzCase.File> Yaml, ImmutableArray<FuzzCase.File> CSharp)
{
    /// <summary>The token in a seed that becomes <see cref="Marker"/>.</summary>
    public const string MarkerPlaceholder = "@ID@";

    /// <summary>A file of the case: its path in the compilation and its text.</summary>
    public sealed record File(string Path, string Text);

    /// <summary>Text in namespaces and paths that names this case, e.g. <c>Fz17</c>.</summary>
    public string Marker => MarkerOf(Id);

    public static string MarkerOf(int id) => "Fz" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public IEnumerable<File> Files => Yaml.Concat(CSharp);

    /// <summary>The same case with other file texts (used while reducing a failing case to a smaller one).</summary>
    public FuzzCase WithTexts(IReadOnlyList<string> texts)
    {
        var all = Files.Select((f, i) => f with { Text = texts[i] }).ToList();
        return this with { Yaml = [.. all.Take(Yaml.Length)], CSharp = [.. all.Skip(Yaml.Length)] };
    }

    /// <summary>The case as a reader can paste it: each file's path, then its text with invisible characters escaped.</summary>
    public string Describe(int maxCharacters = 1500)
    {
        var text = new StringBuilder($"case {Id} ({(IsYaml ? "YAML" : "C#")}; mutations: {Mutations})\n");
        int empty = Files.Count(f => f.Text.Length == 0);
        if (empty > 0 && Files.Count() > 1)
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"({empty} other files are empty)\n");
        foreach (File file in Files.Where(f => f.Text.Length > 0 || Files.Count() == 1))
        {
            text.Append("--- ").Append(file.Path).Append($" ({file.Text.Length} chars) ---\n");
            string shown = Visible(file.Text);
            text.Append(shown.Length <= maxCharacters ? shown : shown[..maxCharacters] + $"… [{shown.Length - maxCharacters} more]").Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Line breaks other than \n, tabs, and characters outside printable ASCII as escapes, so a reproducer shows what it holds.</summary>
    private static string Visible(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '\r')
                builder.Append(i + 1 < text.Length && text[i + 1] == '\n' ? "\\r" : "\\r\n");
            else if (c == '\n' || (c >= ' ' && c < 0x7F))
                builder.Append(c);
            else if (c == '\t')
                builder.Append("\\t");
            else
                builder.Append($"\\u{(int)c:X4}");
        }
        // Long runs (deep nesting) are summarised: a reproducer of 250,000 brackets is not read, it is counted.
        return System.Text.RegularExpressions.Regex.Replace(builder.ToString(), @"(.)\1{39,}", m => $"{m.Groups[1].Value}×{m.Length}");
    }
}
