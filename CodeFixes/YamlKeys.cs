using Microsoft.CodeAnalysis.Text;

namespace ModelDsl.CodeFixes
{
    /// <summary>Finds a mapping key in <c>*.model.yaml</c> text near a reported position, without a YAML parser (the fix edits one key in place).</summary>
    internal static class YamlKeys
    {
        /// <summary>
        /// The span of the key <paramref name="key"/> (<c>key:</c>, optionally quoted) on the line of
        /// <paramref name="reported"/> that starts at or before the reported column (the generator reports at the key or
        /// at its value); null when there is none. Line and column, not the diagnostic's offsets, place it: the
        /// generator's YAML locations are line/column positions.
        /// </summary>
        public static TextSpan? Find(SourceText text, LinePosition reported, string key)
        {
            if (reported.Line >= text.Lines.Count)
                return null;
            TextLine line = text.Lines[reported.Line];
            int position = line.Start + System.Math.Min(reported.Character, line.Span.Length);
            string content = text.ToString(line.Span);
            TextSpan? found = null;
            for (int at = content.IndexOf(key, System.StringComparison.Ordinal); at >= 0 && line.Start + at <= position;
                 at = content.IndexOf(key, at + 1, System.StringComparison.Ordinal))
            {
                char opening = at > 0 ? content[at - 1] : ' ';
                if (IsNameCharacter(opening))
                    continue;
                int end = at + key.Length;
                if ((opening == '"' || opening == '\'') && end < content.Length && content[end] == opening)
                    end++;
                while (end < content.Length && (content[end] == ' ' || content[end] == '\t'))
                    end++;
                if (end < content.Length && content[end] == ':')
                    found = new TextSpan(line.Start + at, key.Length);
            }
            return found;
        }

        private static bool IsNameCharacter(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '-';
    }
}
