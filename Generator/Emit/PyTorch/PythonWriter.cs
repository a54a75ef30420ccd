using System;
using System.Text;

namespace ModelDsl.Generator.Emit.PyTorch
{
    /// <summary>
    /// Writes indented Python with <c>\n</c> line endings (four spaces a level, as PEP 8 asks). Blocks are disposable
    /// (<c>using (w.Block("def forward(self, x):")) { … }</c>), so a suite always ends where the C# scope ends.
    /// </summary>
    internal sealed class PythonWriter
    {
        private readonly StringBuilder _text = new();
        private int _indent;

        /// <summary>Writes one line at the current indentation (an empty line has no trailing spaces).</summary>
        public PythonWriter Line(string line = "")
        {
            if (line.Length > 0)
                _text.Append(' ', _indent * 4).Append(line);
            _text.Append('\n');
            return this;
        }

        /// <summary>Writes <paramref name="header"/> (ending in a colon) and indents until the result is disposed.</summary>
        public IndentScope Block(string header)
        {
            Line(header);
            _indent++;
            return new IndentScope(this);
        }

        public override string ToString() => _text.ToString();

        /// <summary>Ends an indented suite when disposed.</summary>
        internal readonly struct IndentScope : IDisposable
        {
            private readonly PythonWriter _writer;

            public IndentScope(PythonWriter writer) => _writer = writer;

            public void Dispose() => _writer._indent--;
        }
    }
}
