using System.Linq;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Layers
{
    /// <summary>
    /// A checked layer: its name, kind, resolved arguments (defaults filled in, keyed by normalised name), and the
    /// shapes and parameter count inferred at compile time. What the emitter writes code from.
    /// </summary>
    /// <param name="SkipActivation">True when this is the final layer and its softmax/sigmoid is left to prediction.</param>
    internal sealed record LayerPlan(
        string Name, string Kind, EquatableArray<Argument> Arguments,
        EquatableArray<long> Input, EquatableArray<long> Output, long Parameters, bool SkipActivation)
    {
        public ArgumentValue Value(string name)
        {
            string key = Names.Normalize(name);
            return Arguments.First(a => a.Key == key).Value;
        }

        public long Int(string name) => Value(name).Integer;

        public double Number(string name) => Value(name).Number;

        public bool Bool(string name) => Value(name).Boolean;

        public string Text(string name) => Value(name).Text;

        public EquatableArray<long> Ints(string name) => Value(name).Integers;

        /// <summary>The activation this layer applies in forward(), or "" when none (or skipped as final).</summary>
        public string ForwardActivation =>
            SkipActivation || !Arguments.Any(a => a.Key == "activation") ? "" : Text("activation") is "none" or "linear" ? "" : Text("activation");
    }
}
