namespace ModelDsl.Generator.Spec
{
    /// <summary>What a front end produced from one source: the model (null when nothing usable was found) and any diagnostics.</summary>
    internal sealed record ParseResult(ModelSpec? Model, EquatableArray<DiagnosticInfo> Diagnostics);
}
