namespace ModelDsl.Data;

/// <summary>
/// A featurized column that holds an embedded enum's member index (<c>[Embed]</c>): 0 for the first declared value, up to
/// <see cref="Members"/> − 1. The generated module looks it up in an embedding of <see cref="Size"/> dimensions.
/// </summary>
/// <param name="Property">The record property.</param>
/// <param name="Column">Its index along the featurized row.</param>
/// <param name="Members">How many distinct values the enum declares.</param>
/// <param name="Size">The embedding's size.</param>
public sealed record EmbeddedIndexColumn(string Property, long Column, int Members, int Size);
