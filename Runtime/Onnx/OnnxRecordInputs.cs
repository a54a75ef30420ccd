using System.Globalization;
using System.Reflection;

namespace ModelDsl.Onnx;

/// <summary>
/// The raw-column inputs of a featurizer export (<c>ExportOnnx(path, featurizer)</c>) for a batch of records: every
/// property the graph reads, by name, numbers and bools as float32 and enums as their int64 member index, looked up in
/// the members the file records (<see cref="OnnxMetadata.MembersPrefix"/>), so the file, not the code, decides the order.
/// </summary>
public static class OnnxRecordInputs
{
    /// <summary>The inputs of <paramref name="records"/> for <paramref name="model"/>, one value per record and column.</summary>
    /// <param name="others">Inputs that are not record columns (token ids of a text input), passed through.</param>
    /// <exception cref="ArgumentException">A record lacks a property the graph reads, or holds an enum value the file does not list; names the row and field.</exception>
    public static Dictionary<string, Array> Of<TRecord>(OnnxModel model, IReadOnlyList<TRecord> records, IReadOnlyDictionary<string, Array>? others = null)
    {
        var inputs = new Dictionary<string, Array>(StringComparer.Ordinal);
        foreach (string name in model.InputNames)
        {
            if (others is not null && others.TryGetValue(name, out Array? given))
            {
                inputs[name] = given;
                continue;
            }
            PropertyInfo property = typeof(TRecord).GetProperty(name, BindingFlags.Public | BindingFlags.Instance)
                ?? throw new ArgumentException($"{Path.GetFileName(model.Path)} reads '{name}', which {typeof(TRecord).Name} has no public property for.", nameof(records));
            if (model.TakesIntegers(name))
            {
                string[] members = model.Metadata.TryGetValue(OnnxMetadata.MembersPrefix + name, out string? listed) ? listed.Split(',') : [];
                var indices = new long[records.Count];
                for (int row = 0; row < records.Count; row++)
                {
                    string value = Convert.ToString(property.GetValue(records[row]), CultureInfo.InvariantCulture) ?? "";
                    indices[row] = Array.IndexOf(members, value);
                    if (indices[row] < 0)
                        throw new ArgumentException($"Row {row}, field '{name}': {value} is not one of the members the model was exported with ({string.Join(", ", members)}).", nameof(records));
                }
                inputs[name] = indices;
            }
            else
            {
                var values = new float[records.Count];
                for (int row = 0; row < records.Count; row++)
                    values[row] = property.GetValue(records[row]) switch
                    {
                        bool flag => flag ? 1f : 0f,
                        object number => Convert.ToSingle(number, CultureInfo.InvariantCulture),
                        null => throw new ArgumentException($"Row {row}, field '{name}' is null; the model needs a number.", nameof(records)),
                    };
                inputs[name] = values;
            }
        }
        return inputs;
    }

    /// <summary>The error for an enum value that is not a declared member (a cast integer), naming the row and field.</summary>
    public static ArgumentException UndeclaredMember(int row, string field, Enum value) =>
        new($"Row {row}, field '{field}' holds {value}, which is not a declared member of {value.GetType().Name}.", nameof(value));
}
