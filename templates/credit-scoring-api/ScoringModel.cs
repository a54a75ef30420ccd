using System.Text.Json;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace CreditScoringApi;

/// <summary>
/// An exported record model in ONNX Runtime: its inputs are the record's raw columns, named by property (float32 numbers
/// and bools, int64 enum member indices whose members the file lists under <c>modeldsl.members.&lt;Property&gt;</c>), its
/// output forward()'s logit, turned into a probability by the sigmoid the file names in <c>modeldsl.final_activation</c>.
/// One session serves every request (ONNX Runtime's Run is thread-safe).
/// </summary>
public sealed class ScoringModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly Dictionary<string, string[]> _members = new(StringComparer.Ordinal);

    public ScoringModel(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"No model at '{Path.GetFullPath(path)}': export one with 'export credit-mlp --format onnx --out {path}'.", path);
        _session = new InferenceSession(path);
        IReadOnlyDictionary<string, string> metadata = _session.ModelMetadata.CustomMetadataMap;
        foreach (string input in _session.InputMetadata.Keys)
            if (metadata.TryGetValue("modeldsl.members." + input, out string? members))
                _members[input] = members.Split(',');
        Record = metadata.GetValueOrDefault("modeldsl.record", "");
        SpecHash = metadata.GetValueOrDefault("modeldsl.spec_hash", "");
        FinalActivation = metadata.GetValueOrDefault("modeldsl.final_activation", "");
    }

    /// <summary>The record class the model was exported for.</summary>
    public string Record { get; }

    /// <summary>The architecture's spec hash, as ModelDsl recorded it.</summary>
    public string SpecHash { get; }

    /// <summary>The activation that turns the output into a probability ("sigmoid" for the credit models).</summary>
    public string FinalActivation { get; }

    /// <summary>The fields a request must have, in the model's order.</summary>
    public IEnumerable<string> Fields => _session.InputMetadata.Keys;

    /// <summary>
    /// Scores one record given as a JSON object. Returns the probability, or the message of the first problem: a missing
    /// field, a value of the wrong kind, or an enum value the model does not know (each naming the field).
    /// </summary>
    public (double? Probability, string? Problem) Score(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
            return (null, $"the body must be a JSON object with the fields {string.Join(", ", Fields)}");
        var values = new List<NamedOnnxValue>();
        foreach (string field in Fields)
        {
            if (!TryGetField(record, field, out JsonElement value))
                return (null, $"missing field '{field}'");
            if (_members.TryGetValue(field, out string[]? members))
            {
                int index = value.ValueKind == JsonValueKind.String ? Array.FindIndex(members, m => string.Equals(m, value.GetString(), StringComparison.OrdinalIgnoreCase)) : -1;
                if (index < 0)
                    return (null, $"field '{field}' must be one of {string.Join(", ", members)}");
                values.Add(NamedOnnxValue.CreateFromTensor(field, new DenseTensor<long>(new long[] { index }, [1, 1])));
                continue;
            }
            float? number = value.ValueKind switch
            {
                JsonValueKind.Number when value.TryGetDouble(out double d) && double.IsFinite(d) => (float)d,
                JsonValueKind.True => 1f,
                JsonValueKind.False => 0f,
                _ => null,
            };
            if (number is null)
                return (null, $"field '{field}' must be a number (true or false for a flag)");
            values.Add(NamedOnnxValue.CreateFromTensor(field, new DenseTensor<float>(new[] { number.Value }, [1, 1])));
        }
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results = _session.Run(values);
        float output = results.First().AsEnumerable<float>().First();
        return (FinalActivation == "sigmoid" ? 1 / (1 + Math.Exp(-output)) : output, null);
    }

    /// <summary>A field by name, accepting camelCase as ASP.NET clients write it (<c>income</c> for <c>Income</c>).</summary>
    private static bool TryGetField(JsonElement record, string field, out JsonElement value)
    {
        foreach (JsonProperty property in record.EnumerateObject())
            if (string.Equals(property.Name, field, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        value = default;
        return false;
    }

    public void Dispose() => _session.Dispose();
}
