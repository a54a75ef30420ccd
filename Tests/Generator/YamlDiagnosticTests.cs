using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// A corpus of malformed <c>*.model.yaml</c> files: each must give the expected diagnostic at the expected line and
/// column (1-based here, as <c>dotnet build</c> prints them), and none may make the generator throw.
/// </summary>
public sealed class YamlDiagnosticTests
{
    private const string Valid = "name: Ok\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n";

    /// <summary>(case, file text, expected id, line, column)</summary>
    public static TheoryData<string, string, string, int, int> Corpus => new()
    {
        { "tab indentation", "name: T\ninput: [4]\nlayers:\n\t- type: dense\n", "MDSL0300", 4, 1 },
        { "bad indentation", "name: T\ninput: [4]\nlayers:\n  - type: dense\n     units: 2\n", "MDSL0300", 5, 11 },
        { "unclosed flow list", "name: T\ninput: [4, 5\nlayers: []\n", "MDSL0300", 2, 8 },
        { "unterminated quote", "name: \"T\ninput: [4]\n", "MDSL0300", 1, 7 },
        { "empty file", "", "MDSL0307", 1, 1 },
        { "only a comment", "# nothing here\n", "MDSL0307", 1, 1 },
        { "top level list", "- name: T\n", "MDSL0307", 1, 1 },
        { "top level scalar", "just text\n", "MDSL0307", 1, 1 },
        { "unknown top key", Valid + "optimiser: adam\n", "MDSL0301", 6, 1 },
        { "misspelt layers", "name: T\ninput: [4]\nlayer:\n  - type: dense\n", "MDSL0301", 3, 1 },
        { "missing name", "input: [4]\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0305", 1, 1 },
        { "missing input", "name: T\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0002", 1, 7 },
        { "missing layers", "name: T\ninput: [4]\n", "MDSL0004", 1, 7 },
        { "empty layers", "name: T\ninput: [4]\nlayers: []\n", "MDSL0004", 1, 7 },
        { "input not a list", "name: T\ninput: 4\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0302", 2, 8 },
        { "input with text", "name: T\ninput: [4, x]\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0302", 2, 8 },
        { "zero input", "name: T\ninput: [0]\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0003", 2, 8 },
        { "name not identifier", "name: 9lives\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0302", 1, 7 },
        { "layers not a list", "name: T\ninput: [4]\nlayers: dense\n", "MDSL0302", 3, 9 },
        { "layer not a mapping", "name: T\ninput: [4]\nlayers:\n  - dense\n", "MDSL0302", 4, 5 },
        { "layer without type", "name: T\ninput: [4]\nlayers:\n  - units: 2\n", "MDSL0305", 4, 5 },
        { "unknown layer kind", "name: T\ninput: [4]\nlayers:\n  - type: dnese\n    units: 2\n", "MDSL0303", 4, 11 },
        { "unknown layer argument", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    unit: 2\n", "MDSL0012", 5, 5 },
        { "missing required argument", "name: T\ninput: [4]\nlayers:\n  - type: dense\n", "MDSL0011", 4, 11 },
        { "wrong argument type", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: ten\n", "MDSL0013", 5, 5 },
        { "unknown activation", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n    activation: rellu\n", "MDSL0014", 6, 5 },
        { "duplicate key", "name: T\ninput: [4]\ninput: [5]\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0304", 3, 1 },
        { "duplicate layer key", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n    units: 3\n", "MDSL0304", 6, 5 },
        { "huge number", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 99999999999999999999999\n", "MDSL0013", 5, 5 },
        { "huge model", "name: T\ninput: [1073741824]\nlayers:\n  - type: dense\n    units: 16777216\n", "MDSL0040", 4, 11 },
        { "shape mismatch", "name: T\ninput: [1, 28, 28]\nlayers:\n  - type: conv2d\n    filters: 8\n  - type: dense\n    units: 10\n", "MDSL0020", 6, 11 },
        { "kernel too large", "name: T\ninput: [1, 8, 8]\nlayers:\n  - type: conv2d\n    filters: 4\n    kernel: 9\n  - type: flatten\n", "MDSL0021", 6, 5 },
        { "dropout out of range", "name: T\ninput: [4]\nlayers:\n  - type: dropout\n    rate: 1.0\n  - type: dense\n    units: 2\n", "MDSL0010", 5, 5 },
        { "heads do not divide", "name: T\ninput: [6]\nlayers:\n  - type: embedding\n    vocabulary: 10\n    dimensions: 8\n  - type: transformer_encoder\n    heads: 3\n", "MDSL0022", 8, 5 },
        { "unknown training key", Valid + "training:\n  learnig_rate: 0.1\n", "MDSL0012", 7, 3 },
        { "bad loss for output", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 1\ntraining:\n  loss: cross_entropy\n", "MDSL0200", 7, 3 },
        { "bad monitor", Valid + "training:\n  monitor: val_auc\n", "MDSL0202", 7, 3 },
        { "zero batch", Valid + "training:\n  batch_size: 0\n", "MDSL0203", 7, 3 },
        { "training not a mapping", Valid + "training: fast\n", "MDSL0302", 6, 11 },
        { "anchor and alias", "name: T\ninput: &i [4]\nlayers:\n  - type: dense\n    units: *i\n", "MDSL0300", 5, 12 },
        { "two documents", Valid + "---\nname: U\n", "MDSL0307", 6, 1 },
        { "duplicate layer names", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n    name: a\n  - type: dense\n    units: 2\n    name: a\n", "MDSL0030", 9, 5 },
        // Issue 14: each fuzz failure class, at the line and key the user wrote.
        { "nesting too deep", "name: Deep\ninput: [4]\nlayers: " + new string('[', 100) + new string(']', 100) + "\n", "MDSL0300", 3, 72 },
        { "carriage returns only", "name: T\rinput: [4]\rlayers:\r  - type: dense\r    units: 2\r---\rname: U\r", "MDSL0307", 6, 1 },
        { "numeric layer name", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n    name: 123\n", "MDSL0031", 6, 5 },
        { "layer named like an nn.Module method", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n    name: cuda\n", "MDSL0032", 6, 5 },
        { "keyword model name", "name: class\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0008", 1, 7 },
        { "lower-case model name", "name: torch\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0008", 1, 7 },
        { "unclosed list at the end of a file without a newline", "name: T\ninput: [3, 32,", "MDSL0300", 2, 15 },
        { "member model name", "name: Summary\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0008", 1, 7 },
        { "lstm layers overflow", "name: T\ninput: [5, 3]\nlayers:\n  - type: lstm\n    units: 4\n    layers: 2147483648\n", "MDSL0010", 6, 5 },
        { "units overflow int", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 4294967296\n", "MDSL0010", 5, 5 },
        { "infinite epsilon", "name: T\ninput: [4]\nlayers:\n  - type: layer_norm\n    epsilon: 1e400\n  - type: dense\n    units: 2\n", "MDSL0010", 5, 5 },
        { "infinite momentum", "name: T\ninput: [4]\nlayers:\n  - type: batch_norm\n    momentum: Infinity\n  - type: dense\n    units: 2\n", "MDSL0010", 5, 5 },
        { "infinite clip norm", Valid + "training:\n  gradient_clip_norm: 1e400\n", "MDSL0203", 7, 3 },
        { "epochs overflow int", Valid + "training:\n  epochs: 4294967296\n", "MDSL0203", 7, 3 },
        { "warm-up without a warm-up schedule", Valid + "training:\n  schedule: cosine\n  warmup_ratio: 0.1\n", "MDSL0203", 8, 3 },
        { "freeze names no layer", Valid + "training:\n  freeze: [dense_1, encoder]\n", "MDSL0203", 7, 3 },
        { "lstm local clash", "name: T\ninput: [5, 3]\nlayers:\n  - type: lstm\n    units: 4\n    name: seq\n  - type: dense\n    units: 2\n    name: seq_final\n", "MDSL0032", 9, 5 },
        { "positions field clash", "name: T\ninput: [6]\nlayers:\n  - type: embedding\n    vocabulary: 10\n    dimensions: 8\n  - type: dense\n    units: 8\n    name: enc_positions\n  - type: transformer_encoder\n    name: enc\n", "MDSL0032", 11, 5 },
        // Issue 16: graph wiring, at the name or layer the user wrote.
        { "unknown input name", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 3\n    name: hidden\n  - type: dense\n    units: 2\n    input: hiden\n", "MDSL0060", 9, 12 },
        { "unknown name in a list", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n  - type: add\n    inputs: [dense_1, dense_9]\n", "MDSL0060", 7, 23 },
        { "unknown output", "name: T\ninput: [4]\noutput: head\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0060", 3, 9 },
        { "cycle", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 4\n    name: a\n    input: b\n  - type: dense\n    units: 4\n    name: b\n    input: a\n  - type: dense\n    units: 2\n    input: input\n", "MDSL0061", 4, 11 },
        { "duplicate node name", "name: T\ninputs:\n  a: [4]\nlayers:\n  - type: dense\n    units: 2\n    name: a\n    input: a\n", "MDSL0030", 7, 5 },
        { "merge shapes disagree", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 3\n    name: a\n  - type: dense\n    units: 2\n    name: b\n  - type: add\n    inputs: [a, b]\n", "MDSL0062", 10, 11 },
        { "unreachable input", "name: T\ninputs:\n  a: [4]\n  b: [4]\nlayers:\n  - type: dense\n    units: 2\n    input: b\n", "MDSL0063", 3, 3 },
        { "unused layer", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 3\n    name: side\n  - type: dense\n    units: 2\n    input: input\n", "MDSL0064", 4, 11 },
        { "tokens into dense", "name: T\ninputs:\n  t: { tokens: 8, vocabulary: 100 }\nlayers:\n  - type: dense\n    units: 2\n    input: t\n", "MDSL0065", 5, 11 },
        { "floats into embedding", "name: T\ninputs:\n  amounts: [4]\nlayers:\n  - type: embedding\n    vocabulary: 10\n    dimensions: 4\n  - type: flatten\n  - type: dense\n    units: 2\n", "MDSL0025", 5, 11 },
        { "add with one input", "name: T\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n  - type: add\n    input: dense_1\n", "MDSL0066", 7, 5 },
        { "first layer of two inputs", "name: T\ninputs:\n  a: [4]\n  b: [4]\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0067", 6, 11 },
        { "zero input dimension", "name: T\ninputs:\n  a: [0]\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0068", 3, 3 },
        { "padding outside vocabulary", "name: T\ninputs:\n  t: { tokens: 8, vocabulary: 10, padding_id: 10 }\nlayers:\n  - type: embedding\n    vocabulary: 10\n    dimensions: 4\n", "MDSL0068", 3, 3 },
        { "input and inputs", "name: T\ninput: [4]\ninputs:\n  a: [4]\nlayers:\n  - type: dense\n    units: 2\n", "MDSL0068", 4, 3 },
        // Issue 17: BertEncoder.
        { "bert heads do not divide", "name: T\ninputs:\n  t: { tokens: 8, vocabulary: 100 }\nlayers:\n  - type: bert_encoder\n    layers: 1\n    hidden: 30\n    heads: 4\n    intermediate: 64\n    max_positions: 16\n    vocabulary: 100\n", "MDSL0026", 8, 5 },
        { "bert on floats", "name: T\ninputs:\n  amounts: [8]\nlayers:\n  - type: bert_encoder\n    layers: 1\n    hidden: 32\n    heads: 4\n    intermediate: 64\n    max_positions: 16\n    vocabulary: 100\n", "MDSL0025", 5, 11 },
        { "bert sequence too long", "name: T\ninputs:\n  t: { tokens: 32, vocabulary: 100 }\nlayers:\n  - type: bert_encoder\n    layers: 1\n    hidden: 32\n    heads: 4\n    intermediate: 64\n    max_positions: 16\n    vocabulary: 100\n", "MDSL0027", 10, 5 },
        { "bert vocabulary differs", "name: T\ninputs:\n  t: { tokens: 8, vocabulary: 100 }\nlayers:\n  - type: bert_encoder\n    layers: 1\n    hidden: 32\n    heads: 4\n    intermediate: 64\n    max_positions: 16\n    vocabulary: 200\n", "MDSL0028", 11, 5 },
        { "pretrained bert without padding id", "name: T\ninputs:\n  t: { tokens: 8, vocabulary: 100 }\nlayers:\n  - type: bert_encoder\n    layers: 1\n    hidden: 32\n    heads: 4\n    intermediate: 64\n    max_positions: 16\n    vocabulary: 100\n    pretrained: models/bert\n", "MDSL0029", 12, 5 },
        { "unknown input key", "name: T\ninputs:\n  t: { tokens: 8, vocab: 10 }\nlayers:\n  - type: embedding\n    vocabulary: 10\n    dimensions: 4\n", "MDSL0301", 3, 19 },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public void Malformed_spec_reports_at_the_right_place(string name, string text, string id, int line, int column)
    {
        Diagnostic diagnostic = Run(name, SourceText.From(text), id);
        LinePosition start = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.True((line, column) == (start.Line + 1, start.Character + 1),
            $"{name}: {id} expected at ({line},{column}) but was at ({start.Line + 1},{start.Character + 1}): {diagnostic.GetMessage()}");
    }

    [Fact]
    public void Non_utf8_bytes_are_reported_with_their_position()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("name: T\ninput: [4]\n# caf"), 0xE9, .. Encoding.UTF8.GetBytes("\n")];
        var text = SourceText.From(new MemoryStream(bytes), Encoding.UTF8, throwIfBinaryDetected: false);
        Diagnostic diagnostic = Run("latin-1", text, "MDSL0307");
        Assert.Contains("UTF-8", diagnostic.GetMessage());
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
    }

    [Fact]
    public void Positions_count_lone_carriage_returns_as_line_breaks()
    {
        byte[] bytes = [.. Encoding.UTF8.GetBytes("name: T\rinput: [4]\rlayers:\r  - type: dense\r    units: 2\r\r# caf"), 0xE9, .. Encoding.UTF8.GetBytes("\r")];
        var text = SourceText.From(new MemoryStream(bytes), Encoding.UTF8, throwIfBinaryDetected: false);
        Diagnostic diagnostic = Run("cr-only", text, "MDSL0307");
        LinePosition start = diagnostic.Location.GetLineSpan().StartLinePosition;
        Assert.Equal((6, 5), (start.Line, start.Character));
    }

    [Fact]
    public async Task Nesting_half_a_megabyte_deep_is_refused_at_the_first_level_too_deep()
    {
        // 250,000 '[' then as many ']': recursed once per level (a stack overflow that killed the compiler) and YamlDotNet's
        // per-level work made 5k-50k levels take seconds to minutes.
        string text = "name: Deep\ninput: [4]\nlayers: " + new string('[', 250_000) + new string(']', 250_000) + "\n";
        Diagnostic diagnostic = await Task.Run(() => Run("deep", SourceText.From(text), "MDSL0300")).WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(2, diagnostic.Location.GetLineSpan().StartLinePosition.Line);
        Assert.Contains("64 levels", diagnostic.GetMessage());
    }

    [Fact]
    public void A_one_megabyte_file_is_refused_without_parsing()
    {
        string big = Valid + string.Concat(Enumerable.Repeat("# padding padding padding padding padding padding padding\n", 18_000));
        Assert.True(big.Length > 1_000_000);
        Diagnostic diagnostic = Run("big", SourceText.From(big), "MDSL0307");
        Assert.Contains("KB", diagnostic.GetMessage());
    }

    [Fact]
    public void Unknown_key_suggests_the_nearest_valid_key()
    {
        Diagnostic diagnostic = Run("suggest", SourceText.From("name: T\ninput: [4]\nlayer:\n  - type: dense\n"), "MDSL0301");
        Assert.Contains("did you mean 'layers'", diagnostic.GetMessage());
    }

    [Fact]
    public void Same_model_name_in_two_files_is_reported_once_and_emitted_once()
    {
        GeneratorRun run = GeneratorHarness.Run([""], new InMemoryAdditionalText("a/One.model.yaml", Valid), new InMemoryAdditionalText("b/Two.model.yaml", Valid));
        Diagnostic duplicate = run.Single("MDSL0306");
        Assert.Equal("b/Two.model.yaml", duplicate.Location.GetLineSpan().Path);
        Assert.Single(run.Sources.Keys, k => k == "ModelDsl.Generated.Ok.Module.g.cs");
        Assert.Empty(run.CompilationErrors);
    }

    private static Diagnostic Run(string name, SourceText text, string id)
    {
        var file = new TextAdditionalText($"specs/{name.Replace(' ', '-')}.model.yaml", text);
        GeneratorRun run = GeneratorHarness.Run([""], file);
        Assert.DoesNotContain(run.Diagnostics, d => d.Id == "MDSL0999");
        Diagnostic? found = run.Diagnostics.FirstOrDefault(d => d.Id == id);
        Assert.True(found is not null, $"{name}: expected {id}, got: {string.Join("; ", run.Diagnostics.Select(d => d.Id + " " + d.GetMessage()))}");
        Assert.Equal(file.Path, found.Location.GetLineSpan().Path);
        return found;
    }

    private sealed class TextAdditionalText(string path, SourceText text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => text;
    }
}
