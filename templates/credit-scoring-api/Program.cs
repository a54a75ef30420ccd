using System.Text.Json;
using CreditScoringApi;

// POST /score with a LoanApplication as JSON → {"probability_of_default": p}; GET /health → the model's record and spec hash.
// The model file comes from configuration: --Model path, the Model environment variable, or credit.onnx.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddSingleton(_ => new ScoringModel(builder.Configuration["Model"] ?? "credit.onnx"));
var app = builder.Build();
var model = app.Services.GetRequiredService<ScoringModel>();

app.MapGet("/health", () => Results.Ok(new { record = model.Record, spec_hash = model.SpecHash, fields = model.Fields }));

app.MapPost("/score", async (HttpRequest request) =>
{
    JsonDocument document;
    try
    {
        document = await JsonDocument.ParseAsync(request.Body);
    }
    catch (JsonException ex)
    {
        return Results.BadRequest(new { error = $"malformed JSON at line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {ex.Message}" });
    }
    using (document)
    {
        (double? probability, string? problem) = model.Score(document.RootElement);
        return problem is not null ? Results.BadRequest(new { error = problem }) : Results.Ok(new { probability_of_default = probability });
    }
});

app.Run();
