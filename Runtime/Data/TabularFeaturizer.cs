using ModelDsl.Explain;
using TorchSharp;

namespace ModelDsl.Data;

/// <summary>
/// Turns records of <typeparamref name="TRecord"/> into rows of model inputs. The generator emits a sealed subclass for
/// every model declared with <c>[Model(typeof(TRecord))]</c>: numbers are scaled with <see cref="Scaling"/>,
/// booleans become 0/1 and enums one-hot columns (an embedded enum, <c>[Embed]</c>, one column holding its member index),
/// in the record's declaration order.
/// </summary>
/// <typeparam name="TRecord">The record type the model reads.</typeparam>
public abstract class TabularFeaturizer<TRecord>
{
    /// <summary>File name of the fitted statistics inside a checkpoint folder.</summary>
    public const string CheckpointFile = "features.json";

    /// <summary>Wraps fitted statistics.</summary>
    protected TabularFeaturizer(FeatureScaling scaling) => Scaling = scaling;

    /// <summary>The standardisation fitted on training data.</summary>
    public FeatureScaling Scaling { get; }

    /// <summary>Number of model inputs one record becomes.</summary>
    public abstract int Width { get; }

    /// <summary>One group per record property (an enum's one-hot columns together), for explanations.</summary>
    public abstract IReadOnlyList<FeatureGroup> Groups { get; }

    /// <summary>The columns that hold an embedded enum's member index; none when every enum is one-hot.</summary>
    public virtual IReadOnlyList<EmbeddedIndexColumn> EmbeddedColumns => [];

    /// <summary>
    /// One group per property over the columns the model's first layers read after the embeddings (an embedded enum's
    /// group is its embedding's columns); <see cref="Groups"/> when nothing is embedded.
    /// </summary>
    public virtual IReadOnlyList<FeatureGroup> EmbeddedGroups => Groups;

    /// <summary>Writes the <see cref="Width"/> inputs of <paramref name="record"/> into <paramref name="row"/>, which starts zeroed.</summary>
    protected abstract void Write(TRecord record, Span<float> row);

    /// <summary>The model inputs of one record.</summary>
    /// <exception cref="ArgumentException">An enum property holds a value its type does not declare.</exception>
    public float[] Transform(TRecord record)
    {
        var row = new float[Width];
        Write(record, row);
        return row;
    }

    /// <summary>The inputs of <paramref name="records"/> as a <c>[N, Width]</c> float32 tensor on the CPU.</summary>
    /// <exception cref="ArgumentException">A record is null or an enum property holds an undeclared value; names the row.</exception>
    public torch.Tensor ToTensor(IReadOnlyList<TRecord> records)
    {
        var values = new float[(long)records.Count * Width];
        for (int i = 0; i < records.Count; i++)
        {
            TRecord record = records[i] ?? throw new ArgumentException($"Row {i} is null; every row needs a {typeof(TRecord).Name}.", nameof(records));
            try
            {
                Write(record, values.AsSpan(i * Width, Width));
            }
            catch (ArgumentException ex)
            {
                throw new ArgumentException($"Row {i}: {ex.Message}", nameof(records), ex);
            }
        }
        return torch.tensor(values, [records.Count, Width]);
    }

    /// <summary>A dataset of <paramref name="records"/> with float targets (0/1 for a binary model, values for regression).</summary>
    /// <exception cref="ArgumentException">The counts differ, or a record cannot be featurized.</exception>
    public InMemoryDataset ToDataset(IReadOnlyList<TRecord> records, IReadOnlyList<float> targets)
    {
        if (records.Count != targets.Count)
            throw new ArgumentException($"{records.Count} records but {targets.Count} targets: each record needs one target.", nameof(targets));
        return new InMemoryDataset(ToTensor(records), torch.tensor(targets.ToArray()));
    }

    /// <summary>A dataset of <paramref name="records"/> with class indices (a multi-class model).</summary>
    /// <exception cref="ArgumentException">The counts differ, or a record cannot be featurized.</exception>
    public InMemoryDataset ToDataset(IReadOnlyList<TRecord> records, IReadOnlyList<long> classes)
    {
        if (records.Count != classes.Count)
            throw new ArgumentException($"{records.Count} records but {classes.Count} labels: each record needs one label.", nameof(classes));
        return new InMemoryDataset(ToTensor(records), torch.tensor(classes.ToArray()));
    }

    /// <summary>The error for an enum value the featurizer has no column for.</summary>
    protected static ArgumentException UndeclaredValue(string field, object value) =>
        new($"field '{field}' holds {value}, which is not a declared member of {value.GetType().Name}.");
}
