using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ModelDsl.CodeFixes
{
    /// <summary>Syntax edits the code fixes share: naming a ModelDsl attribute so it binds, and inserting one in the layout the user wrote.</summary>
    internal static class AttributeEdits
    {
        /// <summary>
        /// A token without the elastic trivia SyntaxFactory adds by default: a code action's clean-up formats elastic
        /// trivia, which would move inserted attributes onto lines of their own.
        /// </summary>
        public static SyntaxToken Plain(SyntaxKind kind) => Token(TriviaList(), kind, TriviaList());

        /// <summary>An attribute list of one attribute, without elastic trivia.</summary>
        public static AttributeListSyntax ListOf(AttributeSyntax attribute) =>
            AttributeList(Plain(SyntaxKind.OpenBracketToken), null, SingletonSeparatedList(attribute), Plain(SyntaxKind.CloseBracketToken));

        /// <summary>
        /// The shortest name for <c>ModelDsl.{simpleName}Attribute</c> that binds to it at <paramref name="position"/>:
        /// <c>Model</c> where <c>using ModelDsl;</c> is in scope and nothing else is called that, else a qualified name
        /// (fully qualified when there is no semantic model to ask).
        /// </summary>
        public static AttributeSyntax Create(SemanticModel? model, int position, string simpleName, AttributeArgumentListSyntax? arguments = null)
        {
            string expected = "ModelDsl." + simpleName + "Attribute";
            if (model is not null)
            {
                foreach (string name in new[] { simpleName, "ModelDsl." + simpleName })
                {
                    AttributeSyntax candidate = Attribute(ParseName(name), arguments);
                    if (model.GetSpeculativeSymbolInfo(position, candidate).Symbol?.ContainingType?.ToDisplayString() == expected)
                        return candidate;
                }
            }
            return Attribute(ParseName("global::ModelDsl." + simpleName), arguments);
        }

        /// <summary>
        /// Inserts <paramref name="attribute"/> as its own list before <paramref name="anchor"/>: on a line of its own
        /// when the anchor has a line to itself (attributes written one per line), otherwise on the same line.
        /// </summary>
        public static SyntaxNode InsertListBefore(SyntaxNode root, SourceText text, AttributeListSyntax anchor, AttributeSyntax attribute)
        {
            TextLine line = text.Lines.GetLineFromPosition(anchor.SpanStart);
            string before = text.ToString(TextSpan.FromBounds(line.Start, anchor.SpanStart));
            bool ownLine = before.Trim().Length == 0 && anchor.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            AttributeListSyntax added = ListOf(attribute).WithLeadingTrivia(anchor.GetLeadingTrivia());
            AttributeListSyntax moved;
            if (ownLine)
            {
                added = added.WithTrailingTrivia(EndOfLine(NewLine(root)));
                moved = anchor.WithLeadingTrivia(before.Length == 0 ? TriviaList() : TriviaList(Whitespace(before)));
            }
            else
            {
                // Same spacing as between the lists already there ("[A] [B]" stays spaced, "[A][B]" stays tight).
                SyntaxTriviaList previous = anchor.GetFirstToken().GetPreviousToken().TrailingTrivia;
                if (previous.Count > 0 && previous.All(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
                    added = added.WithTrailingTrivia(previous);
                moved = anchor.WithLeadingTrivia(TriviaList());
            }
            return root.ReplaceNode(anchor, new SyntaxNode[] { added, moved });
        }

        /// <summary>Inserts <paramref name="attribute"/> into <paramref name="list"/> just before the element at <paramref name="index"/>.</summary>
        public static SyntaxNode InsertIntoList(SyntaxNode root, AttributeListSyntax list, int index, AttributeSyntax attribute)
        {
            var nodes = list.Attributes.ToList();
            var separators = list.Attributes.GetSeparators().ToList();
            nodes.Insert(index, attribute.WithLeadingTrivia(nodes[index].GetLeadingTrivia()));
            nodes[index + 1] = nodes[index + 1].WithLeadingTrivia(TriviaList());
            separators.Insert(index, Token(TriviaList(), SyntaxKind.CommaToken, TriviaList(Space)));
            return root.ReplaceNode(list, list.WithAttributes(SeparatedList(nodes, separators)));
        }

        private static string NewLine(SyntaxNode root) =>
            root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)) is { } eol && eol.IsKind(SyntaxKind.EndOfLineTrivia)
                ? eol.ToString()
                : "\n";
    }
}
