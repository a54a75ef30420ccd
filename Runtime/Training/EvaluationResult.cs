namespace ModelDsl.Training;

/// <summary>Loss and metrics of a model on a dataset.</summary>
/// <param name="Values">Named values: <c>loss</c> first, then each requested metric by its snake_case name.</param>
/// <param name="Count">Number of examples evaluated.</param>
public sealed record EvaluationResult(IReadOnlyList<KeyValuePair<string, double>> Values, long Count)
{
    /// <summary>The value named <paramref name="name"/> (e.g. <c>loss</c>, <c>accuracy</c>).</summary>
    public double this[string name] => Values.First(v => v.Key == name).Value;
}
