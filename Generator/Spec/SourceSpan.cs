namespace ModelDsl.Generator.Spec
{
    /// <summary>
    /// Where something was written: file path, character offsets and zero-based line/column span.
    /// Stored instead of a Roslyn <c>Location</c> so the IR stays equatable and holds no compilation.
    /// </summary>
    internal sealed record SourceSpan(string FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
    {
        /// <summary>A span for files the compiler does not parse (YAML), where only line/column matter.</summary>
        public static SourceSpan At(string filePath, int line, int column, int length = 1) =>
            new(filePath, 0, 0, line, column, line, column + length);
    }
}
