using System.Collections.Generic;

namespace ModelDsl.Generator.Emit.PyTorch
{
    /// <summary>
    /// Python spellings of the model's names. Layer and input names are ASCII identifiers that are not C# keywords, but a
    /// few are Python keywords (<c>lambda</c>, <c>pass</c>) or the names the module imports (<c>torch</c>, <c>F</c>):
    /// those locals get a trailing underscore (PEP 8's convention), and such a submodule is reached with getattr, so its
    /// state-dict key stays the name itself.
    /// </summary>
    internal sealed class PythonNames
    {
        private static readonly HashSet<string> Keywords = new()
        {
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
            "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
            "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
        };

        /// <summary>Names the generated module itself uses: the imports and forward()'s receiver.</summary>
        private static readonly HashSet<string> Taken = new() { "self", "torch", "nn", "F" };

        private readonly Dictionary<string, string> _locals = new();
        private readonly HashSet<string> _used = new(Taken);

        /// <summary>The local of each node, unique among them; call for every node in order before reading any.</summary>
        public string Declare(string name)
        {
            if (_locals.TryGetValue(name, out string? known))
                return known;
            string local = name;
            while (Keywords.Contains(local) || _used.Contains(local))
                local += "_";
            _used.Add(local);
            _locals[name] = local;
            return local;
        }

        /// <summary>The Python local holding node <paramref name="name"/>'s value.</summary>
        public string Local(string name) => _locals[name];

        /// <summary>An attribute of the module: <c>self.name</c>, or <c>getattr(self, "name")</c> where Python cannot spell it.</summary>
        public static string Member(string name) => IsPlain(name) ? "self." + name : $"getattr(self, \"{name}\")";

        /// <summary>Assigns an attribute of the module (what registers a submodule or parameter under that name).</summary>
        public static string Assign(string name, string value) =>
            IsPlain(name) ? $"self.{name} = {value}" : $"setattr(self, \"{name}\", {value})";

        private static bool IsPlain(string name) => !Keywords.Contains(name);
    }
}
