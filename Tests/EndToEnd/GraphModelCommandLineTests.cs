using System.Globalization;
using System.Text.Json;
using ModelDsl.Models.Data;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary>The two-input credit-text model driven through every verb of the app (issue 16).</summary>
public sealed class GraphModelCommandLineTests
{
    [Fact]
    public void Credit_text_trains_evaluates_predicts_from_record_and_statement_and_explains_both_inputs()
    {
        string runs = ModelsApp.TempFolder();
        ProcessResult train = ModelsApp.Succeed("train", "credit-text", "--epochs", "3", "--out", runs, "--json", "--device", "cpu");
        JsonElement trained = ModelsApp.LastJson(train);
        double auc = trained.GetProperty("metrics").GetProperty("roc_auc").GetDouble();
        // The three figures on one split are printed; after three epochs the combined model already reads both inputs.
        Assert.Matches(@"test ROC AUC: record \+ statement 0\.\d{4}, record only 0\.\d{4}, statement only 0\.\d{4}", train.StandardOutput);
        Assert.InRange(auc, 0.6, 1.0);

        string checkpoint = Path.Combine(runs, "credit-text");
        JsonElement evaluated = ModelsApp.LastJson(ModelsApp.Succeed("evaluate", "credit-text", "--checkpoint", checkpoint, "--json"));
        Assert.Equal(auc, evaluated.GetProperty("metrics").GetProperty("roc_auc").GetDouble(), 6);

        // Two applicants who differ only in what they write: the hardship statement must score a higher default risk.
        CreditTextData sample = CreditTextData.Generate(1, 3);
        LoanApplication a = sample.Applicants[0];
        string row = string.Join(",", a.Income.ToString(CultureInfo.InvariantCulture), a.LoanAmount.ToString(CultureInfo.InvariantCulture),
            a.DebtToIncome.ToString(CultureInfo.InvariantCulture), a.CreditHistoryYears.ToString(CultureInfo.InvariantCulture),
            a.LatePayments.ToString(CultureInfo.InvariantCulture), a.Home, a.Purpose, a.HasCoSigner, a.ApplicationDayOfWeek, a.NoiseScore.ToString(CultureInfo.InvariantCulture));
        string input = Path.Combine(runs, "applicants.csv");
        File.WriteAllText(input,
            "Income,LoanAmount,DebtToIncome,CreditHistoryYears,LatePayments,Home,Purpose,HasCoSigner,ApplicationDayOfWeek,NoiseScore,Statement\n" +
            row + ",\"I have a steady job, savings set aside and my income keeps growing.\"\n" +
            row + ",\"My hours were cut, the rent is overdue and bills are in collections; I need the money urgently.\"\n");
        ProcessResult predict = ModelsApp.Succeed("predict", "credit-text", "--checkpoint", checkpoint, "--input", input);
        string[] lines = predict.StandardOutput.Trim().Split('\n').Select(l => l.Trim()).SkipWhile(l => l != "row,probability_of_default").ToArray();
        Assert.Equal(3, lines.Length);
        double stable = double.Parse(lines[1].Split(',')[1], CultureInfo.InvariantCulture);
        double hardship = double.Parse(lines[2].Split(',')[1], CultureInfo.InvariantCulture);
        Assert.True(hardship > stable, $"hardship {hardship} should score above stable {stable}");

        ProcessResult explain = ModelsApp.Succeed("explain", "credit-text", "--checkpoint", checkpoint);
        Assert.Contains("statement", explain.StandardOutput);
        Assert.Contains("DebtToIncome", explain.StandardOutput);
    }
}
