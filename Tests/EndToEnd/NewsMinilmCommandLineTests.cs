using System.Globalization;
using System.Text.Json;
using ModelDsl.Models.Data;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>
/// news-minilm from the command line: the pretrained MiniLM encoder fine-tuned on a small subset of the generated news
/// corpus (240 sentences, two epochs, so the test stays short on CPU), then predict (from the checkpoint and from its ONNX export, which must agree) and explain from its checkpoint.
/// </summary>
public sealed class NewsMinilmCommandLineTests
{
    [SkippableFact]
    public void News_minilm_fine_tunes_on_a_small_subset_beats_the_majority_class_and_explains_in_words()
    {
        string runs = ModelsApp.TempFolder();
        string data = Path.Combine(runs, "news.csv");
        (List<string> texts, List<int> labels) = NewsCorpus.Generate(240, seed: 3);
        File.WriteAllLines(data, ["text,label", .. texts.Select((t, i) => $"\"{t.Replace("\"", "\"\"")}\",{labels[i].ToString(CultureInfo.InvariantCulture)}")]);

        JsonElement json = ModelsApp.LastJson(ModelsApp.Succeed(TimeSpan.FromMinutes(15), "train", "news-minilm", "--data", data,
            "--epochs", "2", "--batch-size", "16", "--lr", "1e-4", "--out", runs, "--json", "--device", "cpu"));

        double accuracy = json.GetProperty("metrics").GetProperty("accuracy").GetDouble();
        double majority = json.GetProperty("baselines").EnumerateArray()
            .Single(b => b.GetProperty("name").GetString()!.StartsWith("majority class", StringComparison.Ordinal)).GetProperty("score").GetDouble();
        Assert.True(accuracy > majority, $"test accuracy {accuracy} does not beat the majority class {majority}");

        string checkpoint = json.GetProperty("checkpoint").GetString()!;
        string input = Path.Combine(runs, "sentences.txt");
        File.WriteAllLines(input, ["Kone raised its full-year outlook", "Operating profit fell sharply"]);
        ProcessResult predict = ModelsApp.Succeed("predict", "news-minilm", "--checkpoint", checkpoint, "--input", input);
        Assert.Equal(2, predict.StandardOutput.Split('\n').Count(l => l.Contains(",\"", StringComparison.Ordinal)));
        // The fine-tuned encoder exported as ONNX predicts the same, with its WordPiece ids made without libtorch.
        (_, string[] libraries) = OnnxPredictCommandLineTests.ExportAndCompare("news-minilm", checkpoint, input, runs, rows: 2);

        ProcessResult explained = ModelsApp.Succeed("explain", "news-minilm", "--checkpoint", checkpoint, "--out", Path.Combine(runs, "explain"));
        // The held-out sentence in words (WordPiece's "##" continuations joined, no [CLS]/[SEP]), and its influential words.
        string[] output = explained.StandardOutput.Split('\n');
        int first = Array.FindIndex(output, l => l.StartsWith("sentence 0: \"", StringComparison.Ordinal));
        Assert.True(first >= 0, explained.StandardOutput);
        Assert.DoesNotContain("##", output[first]);
        Assert.DoesNotContain("[CLS]", output[first]);
        Assert.DoesNotContain("[SEP]", output[first]);
        string[] sentenceWords = output[first]["sentence 0: \"".Length..].TrimEnd().TrimEnd('"').Split(' ');
        Assert.True(sentenceWords.Length >= 3, output[first]);
        string[] influential = output.Skip(first + 2).TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal))
            .Select(l => l.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries)[0]).ToArray();
        Assert.NotEmpty(influential);
        Assert.All(influential, word => Assert.Contains(word, sentenceWords));
        Assert.True(File.Exists(Path.Combine(runs, "explain", "token-occlusion.png")));
        OnnxPredictCommandLineTests.RequireNoLibtorch(libraries);
    }
}
