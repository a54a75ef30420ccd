using TorchSharp;

namespace ModelDsl.Data;

/// <summary>Turns a time series into supervised examples: each window of past steps predicts the following value(s).</summary>
public static class TimeSeriesWindows
{
    /// <summary>
    /// Slides a window over <paramref name="series"/> <c>[T, F]</c> (time × features). Example i has features
    /// <c>series[i .. i+window)</c> (<c>[window, F]</c>) and label <c>series[i+window .. i+window+horizon)</c> of column
    /// <paramref name="targetColumn"/> (<c>[horizon]</c>). Windows advance by <paramref name="stride"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The series is shorter than one window plus the horizon, or a size is not positive.</exception>
    public static InMemoryDataset Create(float[,] series, int window, int horizon = 1, int targetColumn = 0, int stride = 1)
    {
        int steps = series.GetLength(0), columns = series.GetLength(1);
        if (window < 1 || horizon < 1 || stride < 1)
            throw new ArgumentException($"Window ({window}), horizon ({horizon}) and stride ({stride}) must all be at least 1.");
        if (targetColumn < 0 || targetColumn >= columns)
            throw new ArgumentOutOfRangeException(nameof(targetColumn), $"Target column {targetColumn} is outside the series' {columns} column(s).");
        if (steps < window + horizon)
            throw new ArgumentException(
                $"The series has {steps} time steps but one window of {window} plus a horizon of {horizon} needs at least {window + horizon}.", nameof(series));

        int count = (steps - window - horizon) / stride + 1;
        var features = new float[count * window * columns];
        var labels = new float[count * horizon];
        for (int i = 0; i < count; i++)
        {
            int start = i * stride;
            for (int t = 0; t < window; t++)
                for (int f = 0; f < columns; f++)
                    features[(i * window + t) * columns + f] = series[start + t, f];
            for (int h = 0; h < horizon; h++)
                labels[i * horizon + h] = series[start + window + h, targetColumn];
        }
        return new InMemoryDataset(torch.tensor(features, [count, window, columns]), torch.tensor(labels, [count, horizon]));
    }

    /// <summary>The one-feature form of <see cref="Create(float[,], int, int, int, int)"/>.</summary>
    public static InMemoryDataset Create(IReadOnlyList<float> series, int window, int horizon = 1, int stride = 1)
    {
        var matrix = new float[series.Count, 1];
        for (int i = 0; i < series.Count; i++)
            matrix[i, 0] = series[i];
        return Create(matrix, window, horizon, 0, stride);
    }
}
