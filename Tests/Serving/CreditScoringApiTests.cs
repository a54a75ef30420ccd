using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ModelDsl.Models.Data;
using ModelDsl.Models.Declarations;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Serving;

/// <summary>
/// The serving template (templates/credit-scoring-api) started on localhost with a credit model exported here: real HTTP
/// requests get the probability <c>Predict</c> gives, and malformed JSON, a missing field, a wrong type or an unknown
/// enum member get 400 with a message naming the problem and the field.
/// </summary>
public sealed partial class CreditScoringApiTests
{
    [Fact]
    public async Task Scores_loan_applications_over_http_and_rejects_bad_requests_with_400()
    {
        Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(8);
        using var trainer = CreditMlpTrainer.Create();
        trainer.FitFeaturizer(ApplicantGenerator.Generate(200, seed: 9).Applicants);
        using var folder = new TemporaryFolder();
        string onnx = Path.Combine(folder.Path, "credit.onnx");
        trainer.Model.eval();
        trainer.Model.ExportOnnx(onnx, trainer.Featurizer!);
        var applicant = new LoanApplication(52000, 18000, 0.3, 6, 1, HomeOwnership.Mortgage, LoanPurpose.Business, false, 5, 20);
        double expected = trainer.Predict(applicant);

        using Process server = Start(onnx, out Uri address);
        try
        {
            using var client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromMinutes(1) };
            string valid = """
                {"income": 52000, "loanAmount": 18000, "debtToIncome": 0.3, "creditHistoryYears": 6, "latePayments": 1,
                 "home": "Mortgage", "purpose": "Business", "hasCoSigner": false, "applicationDayOfWeek": 5, "noiseScore": 20}
                """;
            using HttpResponseMessage scored = await Post(client, valid);
            Assert.Equal(HttpStatusCode.OK, scored.StatusCode);
            double probability = (await scored.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("probability_of_default").GetDouble();
            Assert.True(Math.Abs(probability - expected) <= 1e-5, $"the API scored {probability}, Predict {expected}");

            await AssertBadRequest(client, "{\"income\": 52000, ", "malformed JSON");
            await AssertBadRequest(client, valid.Replace("\"loanAmount\": 18000, ", ""), "missing field 'LoanAmount'");
            await AssertBadRequest(client, valid.Replace("\"debtToIncome\": 0.3", "\"debtToIncome\": \"high\""), "field 'DebtToIncome' must be a number");
            await AssertBadRequest(client, valid.Replace("\"Mortgage\"", "\"Castle\""), "field 'Home' must be one of Rent, Mortgage, Own");
            await AssertBadRequest(client, "[1, 2]", "the body must be a JSON object");

            using HttpResponseMessage health = await client.GetAsync(new Uri("/health", UriKind.Relative));
            Assert.Equal(CreditMlp.SpecHash, (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("spec_hash").GetString());
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }
    }

    private static async Task AssertBadRequest(HttpClient client, string body, string message)
    {
        using HttpResponseMessage response = await Post(client, body);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body} → {(int)response.StatusCode} {text}");
        Assert.Contains(message, JsonDocument.Parse(text).RootElement.GetProperty("error").GetString());
    }

    private static Task<HttpResponseMessage> Post(HttpClient client, string body) =>
        client.PostAsync(new Uri("/score", UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

    /// <summary>Starts the built template on a free localhost port and waits for Kestrel's "Now listening on" line.</summary>
    private static Process Start(string model, out Uri address)
    {
        // Built beside the tests (a project reference of the test project), in the same configuration.
        string configuration = new DirectoryInfo(RepositoryPaths.TestOutput).Parent!.Name;
        string dll = Path.Combine(RepositoryPaths.Root, "templates", "credit-scoring-api", "bin", configuration, "net10.0", "CreditScoringApi.dll");
        Assert.True(File.Exists(dll), $"{dll} is not built");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { dll, "--urls", "http://127.0.0.1:0", "--Model", model })
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
                return;
            lock (log)
                log.AppendLine(e.Data);
            if (ListeningPattern().Match(e.Data) is { Success: true } match)
                listening.TrySetResult(new Uri(match.Groups[1].Value));
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!listening.Task.Wait(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the API did not start listening:\n" + log);
        }
        address = listening.Task.Result;
        return process;
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningPattern();
}
