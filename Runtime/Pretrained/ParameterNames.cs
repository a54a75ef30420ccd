namespace ModelDsl.Pretrained;

/// <summary>
/// Maps a checkpoint's tensor names to <see cref="Layers.BertEncoder"/>'s. Hugging Face's task models
/// (<c>BertForSequenceClassification</c>, <c>BertForMaskedLM</c>, …) keep the encoder under <c>bert.</c> beside their own
/// heads (<c>classifier.*</c>, <c>cls.*</c>), and <c>BertModel</c> has a pooler and a position-id buffer the encoder does
/// not use.
/// </summary>
internal static class ParameterNames
{
    private const string ModelPrefix = "bert.";

    /// <summary>
    /// The encoder's name for each tensor the encoder should take, keyed by that name, valued by the source's name. When
    /// any name has the <c>bert.</c> prefix, only prefixed names belong to the encoder (the rest are task heads); the
    /// pooler and <c>embeddings.position_ids</c> are always left out.
    /// </summary>
    public static Dictionary<string, string> ForEncoder(IEnumerable<string> sourceNames)
    {
        string[] names = sourceNames.ToArray();
        bool prefixed = names.Any(n => n.StartsWith(ModelPrefix, StringComparison.Ordinal));
        var mapped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (prefixed && !name.StartsWith(ModelPrefix, StringComparison.Ordinal))
                continue;
            string local = prefixed ? name[ModelPrefix.Length..] : name;
            if (local.StartsWith("pooler.", StringComparison.Ordinal) || local == "embeddings.position_ids")
                continue;
            mapped[local] = name;
        }
        return mapped;
    }
}
