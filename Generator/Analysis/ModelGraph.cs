using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Analysis
{
    /// <summary>One node's place in the graph: the nodes it reads (by index into <see cref="ModelGraph.Nodes"/>), or null when they could not be resolved.</summary>
    internal sealed class GraphNode
    {
        public GraphNode(string name, SourceSpan span, int layerIndex)
        {
            Name = name;
            Span = span;
            LayerIndex = layerIndex;
        }

        public string Name { get; }

        public SourceSpan Span { get; }

        /// <summary>The layer's index in declaration order, or -1 for a model input.</summary>
        public int LayerIndex { get; }

        public bool IsInput => LayerIndex < 0;

        /// <summary>The nodes this layer reads, in order; null when a name did not resolve (already reported).</summary>
        public List<int>? Reads { get; set; }

        /// <summary>How many layers read this node.</summary>
        public int Readers { get; set; }
    }

    /// <summary>
    /// The wiring of a model: its inputs and layers as nodes, each layer's resolved inputs, a topological order and what
    /// reaches the output. Resolves names and reports unknown names, cycles, first layers that do not say what they read,
    /// unreachable inputs and unused layers; shapes are the checker's.
    /// </summary>
    internal sealed class ModelGraph
    {
        private ModelGraph(List<GraphNode> nodes, int inputCount, List<int> order, int output)
        {
            Nodes = nodes;
            InputCount = inputCount;
            Order = order;
            Output = output;
        }

        /// <summary>The model's inputs (first <see cref="InputCount"/>), then its layers in declaration order.</summary>
        public List<GraphNode> Nodes { get; }

        public int InputCount { get; }

        /// <summary>Layer nodes in an order where each comes after what it reads (declaration order wherever it allows).</summary>
        public List<int> Order { get; }

        /// <summary>The output node, or -1 when it could not be resolved.</summary>
        public int Output { get; }

        /// <param name="inputs">The input names and spans, in declaration order.</param>
        /// <param name="layerNames">Each layer's name (null for a layer of unknown kind) and its spec.</param>
        public static ModelGraph Build(ModelSpec spec, IReadOnlyList<(string Name, SourceSpan Span)> inputs,
            IReadOnlyList<(string? Name, LayerSpec Layer)> layerNames, List<DiagnosticInfo> diagnostics, ref bool ok)
        {
            var nodes = new List<GraphNode>();
            var byName = new Dictionary<string, int>();
            foreach ((string name, SourceSpan span) in inputs)
            {
                byName[name] = nodes.Count;
                nodes.Add(new GraphNode(name, span, -1));
            }
            for (int i = 0; i < layerNames.Count; i++)
            {
                string name = layerNames[i].Name ?? "";
                if (name.Length > 0 && !byName.ContainsKey(name))
                    byName[name] = nodes.Count;
                nodes.Add(new GraphNode(name, layerNames[i].Layer.Span, i));
            }

            for (int i = 0; i < layerNames.Count; i++)
            {
                (string? name, LayerSpec layer) = layerNames[i];
                GraphNode node = nodes[inputs.Count + i];
                if (name is null)
                    continue;
                if (layer.Inputs.Count == 0)
                {
                    if (i > 0)
                        node.Reads = new List<int> { inputs.Count + i - 1 };
                    else if (inputs.Count == 1)
                        node.Reads = new List<int> { 0 };
                    else if (inputs.Count > 1)
                    {
                        string written = spec.Source == ModelSource.Yaml ? "input: " + inputs[0].Name : $"From = \"{inputs[0].Name}\"";
                        diagnostics.Add(Diagnostics.Create(Diagnostics.FirstLayerInputUnclear, layer.Span, name, spec.ClassName,
                            string.Join(", ", inputs.Select(x => "'" + x.Name + "'")), "e.g. " + written));
                        ok = false;
                    }
                    continue;
                }
                var reads = new List<int>();
                foreach (NodeReference reference in layer.Inputs)
                {
                    if (byName.TryGetValue(reference.Name, out int index))
                    {
                        reads.Add(index);
                        continue;
                    }
                    diagnostics.Add(Diagnostics.Create(Diagnostics.UnknownNode, reference.Span, $"Layer '{name}'", reference.Name, spec.ClassName,
                        Suggestion(reference.Name, byName.Keys.Where(n => n != name))));
                    ok = false;
                    reads = null;
                    break;
                }
                node.Reads = reads;
            }

            List<int> order = TopologicalOrder(spec, nodes, inputs.Count, diagnostics, ref ok);
            foreach (int index in order)
                foreach (int read in nodes[index].Reads!)
                    nodes[read].Readers++;

            int output = -1;
            if (spec.Output is { } named)
            {
                if (byName.TryGetValue(named.Name, out int index) && !nodes[index].IsInput)
                    output = index;
                else
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.UnknownNode, named.Span, "The model's output", named.Name, spec.ClassName,
                        byName.TryGetValue(named.Name, out _) ? "; the output must be a layer, not an input"
                            : Suggestion(named.Name, byName.Keys.Where(n => !nodes[byName[n]].IsInput))));
                    ok = false;
                }
            }
            else if (layerNames.Count > 0)
                output = nodes.Count - 1;

            var graph = new ModelGraph(nodes, inputs.Count, order, output);
            if (ok && order.Count == layerNames.Count && output >= 0)
                graph.ReportUnconnected(spec, diagnostics, ref ok);
            return graph;
        }

        /// <summary>Kahn's algorithm, always taking the earliest-declared ready layer, so a chain keeps its declaration order.</summary>
        private static List<int> TopologicalOrder(ModelSpec spec, List<GraphNode> nodes, int inputCount, List<DiagnosticInfo> diagnostics, ref bool ok)
        {
            var waiting = new int[nodes.Count];
            var readers = new List<int>[nodes.Count];
            var ready = new SortedSet<int>();
            for (int i = inputCount; i < nodes.Count; i++)
            {
                if (nodes[i].Reads is not { } reads)
                    continue;
                foreach (int read in reads.Where(r => r >= inputCount).Distinct())
                {
                    waiting[i]++;
                    (readers[read] ??= new List<int>()).Add(i);
                }
                if (waiting[i] == 0)
                    ready.Add(i);
            }
            var order = new List<int>();
            var done = new bool[nodes.Count];
            while (ready.Count > 0)
            {
                int next = ready.Min;
                ready.Remove(next);
                order.Add(next);
                done[next] = true;
                foreach (int reader in readers[next] ?? Enumerable.Empty<int>())
                    if (--waiting[reader] == 0)
                        ready.Add(reader);
            }

            // Layers left with a resolved but unfinished input are on a cycle or downstream of one: report one cycle.
            for (int start = inputCount; start < nodes.Count; start++)
            {
                if (done[start] || nodes[start].Reads is null || waiting[start] == 0)
                    continue;
                List<int>? cycle = FindCycle(nodes, start, inputCount, done);
                if (cycle is null)
                    continue;
                int first = cycle.OrderBy(i => i).First();
                int at = cycle.IndexOf(first);
                var path = cycle.Skip(at).Concat(cycle.Take(at)).Append(first).Select(i => "'" + nodes[i].Name + "'");
                diagnostics.Add(Diagnostics.Create(Diagnostics.GraphCycle, nodes[first].Span, spec.ClassName, string.Join(" → ", path.Reverse())));
                ok = false;
                break;
            }
            return order;
        }

        /// <summary>A cycle through the unfinished layers reachable from <paramref name="start"/> by following what each reads, or null.</summary>
        private static List<int>? FindCycle(List<GraphNode> nodes, int start, int inputCount, bool[] done)
        {
            // Walk backwards along unfinished reads; with finitely many nodes the walk must revisit one, closing a cycle.
            var path = new List<int>();
            var position = new Dictionary<int, int>();
            int current = start;
            while (!position.ContainsKey(current))
            {
                position[current] = path.Count;
                path.Add(current);
                int? next = nodes[current].Reads?.Where(r => r >= inputCount && !done[r] && nodes[r].Reads is not null).Select(r => (int?)r).FirstOrDefault();
                if (next is null)
                    return null;
                current = next.Value;
            }
            return path.Skip(position[current]).ToList();
        }

        /// <summary>Inputs that do not reach the output are errors; layers nothing reads, other than the output, are warnings.</summary>
        private void ReportUnconnected(ModelSpec spec, List<DiagnosticInfo> diagnostics, ref bool ok)
        {
            var reached = new bool[Nodes.Count];
            var stack = new Stack<int>();
            stack.Push(Output);
            while (stack.Count > 0)
            {
                int node = stack.Pop();
                if (reached[node])
                    continue;
                reached[node] = true;
                foreach (int read in Nodes[node].Reads ?? Enumerable.Empty<int>())
                    stack.Push(read);
            }
            string output = Nodes[Output].Name;
            for (int i = 0; i < InputCount; i++)
            {
                if (reached[i])
                    continue;
                diagnostics.Add(Diagnostics.Create(Diagnostics.UnreachableInput, Nodes[i].Span, Nodes[i].Name, spec.ClassName, output));
                ok = false;
            }
            for (int i = InputCount; i < Nodes.Count; i++)
                if (i != Output && Nodes[i].Readers == 0)
                    diagnostics.Add(Diagnostics.Create(Diagnostics.UnusedNode, Nodes[i].Span, Nodes[i].Name, output, spec.ClassName));
        }

        private static string Suggestion(string written, IEnumerable<string> candidates)
        {
            var names = candidates.ToList();
            return Names.Nearest(written, names) is { } nearest ? $"; did you mean '{nearest}'?"
                : names.Count == 0 ? "" : "; its nodes are " + string.Join(", ", names.Take(12).Select(n => "'" + n + "'")) + (names.Count > 12 ? ", …" : "");
        }

        internal static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
