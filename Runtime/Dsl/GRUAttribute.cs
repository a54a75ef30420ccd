namespace ModelDsl;

/// <summary>GRU over (time, features), batch first: returns (units) from the last step, or (time, units) with ReturnSequences.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class GRUAttribute : LayerAttribute
{
    /// <summary>Declares a GRU with <paramref name="units"/> hidden units.</summary>
    public GRUAttribute(int units) => Units = units;

    /// <summary>Hidden size.</summary>
    public int Units { get; }

    /// <summary>Stacked layers (default 1).</summary>
    public int Layers { get; set; } = 1;

    /// <summary>Also run backwards and concatenate (output width doubles).</summary>
    public bool Bidirectional { get; set; }

    /// <summary>Return every time step instead of the last one.</summary>
    public bool ReturnSequences { get; set; }

    /// <summary>Dropout between stacked layers, in [0, 1).</summary>
    public double Dropout { get; set; }
}
