using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Tests.EndToEnd;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Finance;

/// <summary>
/// The records of <c>german-credit</c> and <c>credit-default</c> read by their generated readers from the real files in
/// ../shared/data (skipped when absent), and the CLI on a slice of one.
/// </summary>
public sealed class RealCreditRecordTests
{
    private static string GermanCredit => Path.Combine(RepositoryPaths.SharedData, "german-credit", "german-credit.csv");

    private static string CreditDefaultFile => Path.Combine(RepositoryPaths.SharedData, "credit-default", "UCI_Credit_Card.csv");

    [SkippableFact]
    public void The_german_credit_reader_reads_all_20_coded_attributes_of_the_real_file()
    {
        Skip.IfNot(File.Exists(GermanCredit), $"{GermanCredit} is absent");

        var data = GermanCreditCsvReader.Read(GermanCredit, "CLASSIFICATION");

        Assert.Equal(1000, data.Count);
        Assert.Equal(700, data.Targets.Sum()); // 1 = good: 700 good, 300 bad per the UCI documentation
        // Line 2: A11,6,A34,A43,1169,A65,A75,4,A93,A101,4,A121,67,A143,A152,2,A173,1,A192,A201,1
        Assert.Equal(new GermanCreditApplicant(CheckingAccount.Overdrawn, 6, CreditHistory.Critical, CreditPurpose.RadioTelevision, 1169,
            Savings.UnknownOrNone, EmploymentLength.SevenYearsOrMore, 4, PersonalStatus.MaleSingle, OtherDebtors.None, 4,
            PropertyHeld.RealEstate, 67, InstallmentPlans.None, Housing.Own, 2, JobKind.Skilled, 1, Telephone.Registered, ForeignWorker.Yes), data.Records[0]);
        // A410 (others) is its own code, not A41 followed by a 0.
        Assert.Equal(12, data.Records.Count(r => r.Purpose == CreditPurpose.Other));
        Assert.Equal(103, data.Records.Count(r => r.Purpose == CreditPurpose.UsedCar));
    }

    [SkippableFact]
    public void The_credit_default_reader_reads_all_23_columns_of_the_real_file()
    {
        Skip.IfNot(File.Exists(CreditDefaultFile), $"{CreditDefaultFile} is absent");

        var data = CreditDefaultCsvReader.Read(CreditDefaultFile, "target");

        Assert.Equal(30_000, data.Count);
        Assert.Equal(6_636, data.Targets.Sum());
        // The means the data's README checks against the UCI figures; 112 cells are written like 1.00E+05.
        Assert.Equal(167_484.32, data.Records.Average(r => r.CreditLimit), 0.01);
        Assert.Equal(5_215.50, data.Records.Average(r => r.PaidApr), 0.01);
        // Line 2: 1,20000,2,2,1,24,2,2,-1,-1,-2,-2,3913,3102,689,0,0,0,0,689,0,0,0,0,1
        Assert.Equal(new CreditCardClient(20000, ClientSex.Female, ClientEducation.University, ClientMarriage.Married, 24, 2, 2, -1, -1, -2, -2,
            3913, 3102, 689, 0, 0, 0, 0, 689, 0, 0, 0, 0), data.Records[0]);
        // EDUCATION 0, 5 and 6 are undocumented codes, read as one member.
        Assert.Equal(14 + 280 + 51, data.Records.Count(r => r.Education == ClientEducation.Undocumented));
    }

    [SkippableFact]
    public void Train_german_credit_on_a_slice_prints_the_network_and_both_baselines()
    {
        Skip.IfNot(File.Exists(GermanCredit), $"{GermanCredit} is absent");
        string folder = ModelsApp.TempFolder();
        string slice = Path.Combine(folder, "slice.csv");
        File.WriteAllLines(slice, File.ReadLines(GermanCredit).Take(301));

        ProcessResult result = ModelsApp.Succeed("train", "german-credit", "--data", slice, "--epochs", "2", "--out", folder, "--device", "cpu");

        Assert.Contains($"data: 300 rows from {slice}", result.StandardOutput);
        Assert.Matches(@"logistic regression +0\.\d{4}", result.StandardOutput);
        Assert.Matches(@"gradient-boosted trees +0\.\d{4}", result.StandardOutput);
        Assert.Matches(@"test roc_auc: 0\.\d{4} +strongest baseline", result.StandardOutput);
    }

    [Fact]
    public void Train_without_data_names_the_file_it_needs()
    {
        ProcessResult result = ModelsApp.Run("train", "credit-default", "--out", ModelsApp.TempFolder(), "--device", "cpu");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("credit-default trains on a file: pass --data UCI_Credit_Card.csv", result.Combined);
    }
}
