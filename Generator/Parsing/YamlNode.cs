using System.Collections.Generic;

namespace ModelDsl.Generator.Parsing
{
    /// <summary>A minimal YAML tree with positions (zero-based line/column), built from YamlDotNet's event stream.</summary>
    internal abstract class YamlNode
    {
        protected YamlNode(int line, int column)
        {
            Line = line;
            Column = column;
        }

        public int Line { get; }

        public int Column { get; }
    }

    internal sealed class YamlScalar : YamlNode
    {
        public YamlScalar(string value, bool quoted, int line, int column) : base(line, column)
        {
            Value = value;
            Quoted = quoted;
        }

        public string Value { get; }

        /// <summary>Quoted scalars are always strings; plain ones may be numbers or booleans.</summary>
        public bool Quoted { get; }
    }

    internal sealed class YamlSequence : YamlNode
    {
        public YamlSequence(int line, int column) : base(line, column) { }

        public List<YamlNode> Items { get; } = new();
    }

    internal sealed class YamlMapping : YamlNode
    {
        public YamlMapping(int line, int column) : base(line, column) { }

        public List<KeyValuePair<YamlScalar, YamlNode>> Entries { get; } = new();
    }
}
