using Microsoft.CodeAnalysis.Text;

namespace ModelDsl.CodeFixes
{
    /// <summary>
    /// Small edits of <c>*.model.yaml</c> text at a reported line and column, without a YAML parser, so that everything
    /// else in the file (comments, layout, quoting) stays as written.
    /// </summary>
    internal static class YamlText
    {
        /// <summary>
        /// The span of the key <paramref name="key"/> (<c>key:</c>, optionally quoted) on the line of
        /// <paramref name="reported"/> that starts at or before the reported column (the generator reports at the key or
        /// at its value); null when there is none. Line and column, not the diagnostic's offsets, place it: the
        /// generator's YAML locations are line/column positions.
        /// </summary>
        public static TextSpan? FindKey(SourceText text, LinePosition reported, string key)
        {
            if (Position(text, reported) is not int position)
                return null;
            TextLine line = text.Lines[reported.Line];
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

        /// <summary>
        /// The insertion that puts a new layer just before the layer whose <c>type</c> key is on the reported line: a line
        /// <c>- {blockItem}</c> (e.g. <c>- type: flatten</c>) at the item's indentation in a block list, or
        /// <c>{flowItem}, </c> (e.g. <c>{type: flatten}, </c>) in a flow list; null when the layout is not recognised.
        /// </summary>
        public static TextChange? InsertLayerBefore(SourceText text, LinePosition reported, string blockItem, string flowItem)
        {
            if (Position(text, reported) is not int reportedAt)
                return null;
            string all = text.ToString();
            // The generator reports the layer at its 'type' entry; should it point at the item itself, start from there.
            if (reportedAt < all.Length && all[reportedAt] == '-')
                return BlockInsertion(text, reportedAt, blockItem);
            if (reportedAt < all.Length && all[reportedAt] == '{')
                return BeforeFlowMapping(text, all, reportedAt, blockItem, flowItem);
            TextSpan key = FindKey(text, reported, "type") ?? new TextSpan(reportedAt, 0);
            int before = SkipSpacesBackward(all, key.Start);
            if (before >= 0 && all[before] == '{')
                return BeforeFlowMapping(text, all, before, blockItem, flowItem);
            if (before >= 0 && all[before] == '-' && OnlySpacesBefore(text, before))
                return BlockInsertion(text, before, blockItem);
            if (!OnlySpacesBefore(text, key.Start))
                return FlowOpening(all, key.Start) is int opening ? BeforeFlowMapping(text, all, opening, blockItem, flowItem) : null;

            // 'type' is a later key of a block item: the item's dash is on the nearest line above that is indented less.
            int column = key.Start - text.Lines.GetLineFromPosition(key.Start).Start;
            for (int number = text.Lines.GetLineFromPosition(key.Start).LineNumber - 1; number >= 0; number--)
            {
                string line = text.ToString(text.Lines[number].Span);
                int indentation = line.Length - line.TrimStart(' ').Length;
                if (line.Trim().Length == 0 || line.TrimStart(' ').StartsWith("#", System.StringComparison.Ordinal) || indentation >= column)
                    continue;
                return line[indentation] == '-' ? BlockInsertion(text, text.Lines[number].Start + indentation, blockItem) : null;
            }
            return null;
        }

        /// <summary>Before the layer written as a flow mapping opening at <paramref name="opening"/>: a block item (<c>- {…}</c>) or an element of a flow list.</summary>
        private static TextChange BeforeFlowMapping(SourceText text, string all, int opening, string blockItem, string flowItem)
        {
            int dash = SkipSpacesBackward(all, opening);
            return dash >= 0 && all[dash] == '-' && OnlySpacesBefore(text, dash)
                ? BlockInsertion(text, dash, blockItem)
                : new TextChange(new TextSpan(opening, 0), flowItem + ", ");
        }

        private static TextChange BlockInsertion(SourceText text, int dash, string blockItem)
        {
            TextLine line = text.Lines.GetLineFromPosition(dash);
            string newLine = line.EndIncludingLineBreak > line.End ? text.ToString(TextSpan.FromBounds(line.End, line.EndIncludingLineBreak)) : "\n";
            return new TextChange(new TextSpan(line.Start, 0), new string(' ', dash - line.Start) + "- " + blockItem + newLine);
        }

        /// <summary>The '{' that opens the flow mapping holding <paramref name="position"/>, or null.</summary>
        private static int? FlowOpening(string text, int position)
        {
            int depth = 0;
            for (int i = position - 1; i >= 0; i--)
            {
                char c = text[i];
                if (c == '}' || c == ']')
                    depth++;
                else if (c == '[' && depth-- == 0)
                    return null;
                else if (c == '{' && depth-- == 0)
                    return i;
            }
            return null;
        }

        private static int SkipSpacesBackward(string text, int position)
        {
            int i = position - 1;
            while (i >= 0 && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r'))
                i--;
            return i;
        }

        private static bool OnlySpacesBefore(SourceText text, int position)
        {
            TextLine line = text.Lines.GetLineFromPosition(position);
            return text.ToString(TextSpan.FromBounds(line.Start, position)).Trim().Length == 0;
        }

        /// <summary>The offset of a line and column, the column clamped to its line; null past the last line.</summary>
        private static int? Position(SourceText text, LinePosition reported) =>
            reported.Line < text.Lines.Count
                ? text.Lines[reported.Line].Start + System.Math.Min(reported.Character, text.Lines[reported.Line].Span.Length)
                : null;

        private static bool IsNameCharacter(char c) => char.IsLetterOrDigit(c) || c == '_' || c == '-';
    }
}
