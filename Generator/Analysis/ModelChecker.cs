using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using ModelDsl.Generator.Layers;
using ModelDsl.Generator.Spec;

namespace ModelDsl.Generator.Analysis
{
    /// <summary>
    /// Checks a <see cref="ModelSpec"/>: resolves arguments, infers every layer's output shape and parameter count,
    /// decides the task and final activation, and validates the training options. Reports; never writes code.
    /// </summary>
    internal static class ModelChecker
    {
        private static readonly string[] ClassificationMetrics = { "accuracy", "precision", "recall", "f1", "roc_auc" };

        public static CheckedModel Check(ModelSpec spec, EquatableArray<DiagnosticInfo> parseDiagnostics)
        {
            var diagnostics = new List<DiagnosticInfo>(parseDiagnostics);
            bool ok = !parseDiagnostics.Any(d => Diagnostics.IsError(d.Id));
            // A class the generator cannot write a partial of gets no stub either; any other failed model gets one.
            bool classUsable = !parseDiagnostics.Any(d => d.Id is "MDSL0001" or "MDSL0006");
            if ((Names.ReservedModelReason(spec.ClassName, spec.Features is not null || spec.FeatureType is not null) ?? Names.PyTorchReservedModelReason(spec.ClassName)) is { } reservedModel)
            {
                diagnostics.Add(Diagnostics.Create(Diagnostics.ReservedModelName, spec.ModelSpan, spec.ClassName, reservedModel));
                ok = classUsable = false;
            }

            spec = WithDefaultEmbedding(spec, diagnostics, ref ok);
            List<CheckedInput> inputs = CheckInputs(spec, diagnostics, ref ok);
            if (spec.Layers.Count == 0)
            {
                diagnostics.Add(Diagnostics.Create(Diagnostics.EmptyModel, spec.ModelSpan, spec.ClassName));
                ok = false;
            }

            // Names and arguments first, in declaration order, so that every layer can be named by any other.
            var counters = new Dictionary<string, int>();
            var names = new HashSet<string>(inputs.Select(i => i.Name));
            // Every identifier the emitted code derives from node names (fields, locals, parameters), with the node that owns it.
            var identifiers = inputs.ToDictionary(i => i.Name, i => i.Name);
            // An embedded record adds a module per embedded enum and the local forward() gives the layers, named after the input.
            var embeddingOwners = new Dictionary<string, string>();
            if (spec.Features is { HasEmbeddings: true } embedded && inputs.FirstOrDefault(i => i.Kind == InputKind.Record) is { } recordInput)
            {
                foreach (FeatureSpec property in embedded.Properties.Where(p => p.IsEmbedded))
                    embeddingOwners[property.EmbeddingName] = $"the embedding of record property '{property.Name}'";
                embeddingOwners[EmbeddedLocal(recordInput.Name)] = $"input '{recordInput.Name}' after its embeddings";
                foreach (string identifier in embeddingOwners.Keys)
                    identifiers[identifier] = identifier;
            }
            foreach (CheckedInput tokenInput in inputs.Where(i => MaskOf(i).Length > 0))
            {
                string local = Names.MaskLocal(tokenInput.Name);
                if (identifiers.ContainsKey(local))
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidInputDeclaration, inputs.FirstOrDefault(i => i.Name == local)?.Span ?? tokenInput.Span,
                        local, spec.ClassName, $"the generated forward() names the padding mask of input '{tokenInput.Name}' so"));
                    ok = false;
                }
                else
                    identifiers[local] = tokenInput.Name;
            }
            var layers = new List<(string? Name, LayerSpec Layer)>();
            var definitions = new List<LayerDefinition?>();
            var resolved = new List<List<Argument>?>();
            bool shapesKnown = ok;
            for (int index = 0; index < spec.Layers.Count; index++)
            {
                LayerSpec layer = spec.Layers[index];
                LayerDefinition? definition = LayerCatalog.Find(layer.Kind);
                definitions.Add(definition);
                if (definition is null)
                {
                    // Only YAML can name an unknown kind; its parser has already reported it.
                    layers.Add((null, layer));
                    resolved.Add(null);
                    ok = shapesKnown = false;
                    continue;
                }

                counters.TryGetValue(definition.NamePrefix, out int count);
                counters[definition.NamePrefix] = ++count;
                Argument? nameArgument = layer.Arguments.FirstOrDefault(a => a.Key == "name");
                string name = nameArgument is null ? definition.NamePrefix + "_" + count.ToString(CultureInfo.InvariantCulture)
                    : nameArgument.Value.Kind == ArgumentKind.Text ? nameArgument.Value.Text : nameArgument.Value.Display();
                if (nameArgument is not null && (nameArgument.Value.Kind != ArgumentKind.Text || !Names.IsIdentifier(name)))
                {
                    // A YAML 'name: 123' is a number, not text; it must not silently fall back to the default name.
                    diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidLayerName, nameArgument.Span, name));
                    ok = false;
                }
                else if (nameArgument is not null && (Names.ReservedReason(name, spec.ClassName) ?? Names.PyTorchReservedReason(name)) is { } reason)
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.ReservedLayerName, nameArgument.Span, name, reason));
                    ok = false;
                }
                else if (!names.Add(name))
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.DuplicateLayerName, nameArgument?.Span ?? layer.Span, name, spec.ClassName));
                    ok = false;
                }
                else if (embeddingOwners.TryGetValue(name, out string? embeddingOwner))
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.ReservedLayerName, nameArgument?.Span ?? layer.Span, name,
                        $"the generated module names {embeddingOwner} so"));
                    ok = false;
                }
                else if (ClashingName(name, definition, identifiers, spec.ClassName) is { } clash)
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.ReservedLayerName, nameArgument?.Span ?? layer.Span, name, clash));
                    ok = false;
                }
                layers.Add((name, layer));

                string owner = $"layer '{name}' ({definition.Kind})";
                List<Argument>? arguments = ArgumentResolver.Resolve(definition.Parameters, layer.Arguments, owner, layer.Span, diagnostics,
                    (argument, expected) => Diagnostics.Create(Diagnostics.InvalidArgument, argument.Span, argument.Name, name, argument.Value.Display(), expected),
                    NameKey);
                resolved.Add(arguments);
                if (arguments is null)
                    ok = shapesKnown = false;
            }

            ModelGraph graph = ModelGraph.Build(spec, inputs.Select(i => (i.Name, i.Span)).ToList(), layers, diagnostics, ref ok);
            // One unnamed input holds token ids exactly when an Embedding reads it, as before graphs.
            if (!spec.Inputs.Any() && inputs.Count == 1 && inputs[0].Kind == InputKind.Tensor &&
                graph.Order.Any(n => graph.Nodes[n].Reads!.Contains(0) && definitions[graph.Nodes[n].LayerIndex]?.ReadsTokens == true))
                inputs[0] = inputs[0] with { Kind = InputKind.Tokens };

            var plans = new List<LayerPlan>();
            var planOf = new Dictionary<int, LayerPlan>();
            var shapes = new EquatableArray<long>?[graph.Nodes.Count];
            var tokens = new bool[graph.Nodes.Count];
            // The token input whose padding mask applies to each node's output ("" for none): a token input that declares a
            // padding id is its own mask's source.
            var masks = new string[graph.Nodes.Count];
            long total = 0;
            for (int i = 0; i < inputs.Count; i++)
            {
                // The layers read a record after its embeddings: the featurized width with each index replaced by its vector.
                shapes[i] = !ok ? null
                    : inputs[i].Kind == InputKind.Record && spec.Features is { HasEmbeddings: true } record ? new[] { record.NetworkWidth }.ToEquatableArray()
                    : inputs[i].Shape;
                tokens[i] = inputs[i].Kind == InputKind.Tokens;
                masks[i] = MaskOf(inputs[i]);
            }
            if (ok && spec.Features is { HasEmbeddings: true } embeddings)
                foreach (FeatureSpec property in embeddings.Properties.Where(p => p.IsEmbedded))
                    total = ParameterMath.Sum(total, property.Members.Count * property.EmbedSize);
            foreach (int node in graph.Order)
            {
                int index = graph.Nodes[node].LayerIndex;
                LayerSpec layer = spec.Layers[index];
                LayerDefinition definition = definitions[index]!;
                List<int> reads = graph.Nodes[node].Reads!;
                if (resolved[index] is not { } arguments || reads.Any(r => shapes[r] is null))
                    continue;
                string name = graph.Nodes[node].Name;
                if (reads.Count < definition.MinimumInputs || reads.Count > definition.MaximumInputs)
                {
                    string takes = definition.MinimumInputs == definition.MaximumInputs ? ModelGraph.Count(definition.MinimumInputs)
                        : definition.MaximumInputs == int.MaxValue ? "at least " + ModelGraph.Count(definition.MinimumInputs)
                        : $"{ModelGraph.Count(definition.MinimumInputs)} to {ModelGraph.Count(definition.MaximumInputs)}";
                    diagnostics.Add(Diagnostics.Create(Diagnostics.WrongInputCount, layer.InputsSpan ?? layer.Span, name, definition.Kind,
                        ModelGraph.Count(reads.Count), reads.Count == 1 ? "" : "s", takes));
                    ok = shapesKnown = false;
                    continue;
                }
                int wrongKind = reads.FindIndex(r => tokens[r] != definition.ReadsTokens);
                if (wrongKind >= 0)
                {
                    int read = reads[wrongKind];
                    diagnostics.Add(definition.ReadsTokens
                        ? Diagnostics.Create(Diagnostics.EmbeddingNotFirst, layer.Span, name,
                            $"{Shape.Display(shapes[read]!.Value)} floats from '{graph.Nodes[read].Name}'", definition.Kind)
                        : Diagnostics.Create(Diagnostics.TokensToFloatLayer, layer.Span, name, definition.Kind, graph.Nodes[read].Name));
                    ok = shapesKnown = false;
                    continue;
                }

                var inputShapes = reads.Select(r => shapes[r]!.Value).ToList();
                var inputNames = reads.Select(r => graph.Nodes[r].Name).ToList();
                var context = new LayerContext(name, definition.Kind, inputShapes, inputNames, arguments, layer.Span, diagnostics, spec.Source)
                {
                    InputVocabularies = reads.Select(r => r < inputs.Count && inputs[r].Kind == InputKind.Tokens ? inputs[r].Vocabulary : 0).ToList(),
                    InputPaddingIds = reads.Select(r => r < inputs.Count && inputs[r].Kind == InputKind.Tokens ? inputs[r].PaddingId : -1).ToList(),
                };
                LayerShape result = definition.Infer(context);
                if (!result.Succeeded)
                {
                    ok = shapesKnown = false;
                    continue;
                }
                if (result.Parameters < 0 || result.Output.Any(d => d < 1) || Shape.Elements(result.Output) < 0)
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.TooLarge, layer.Span, name));
                    ok = shapesKnown = false;
                    continue;
                }
                total = ParameterMath.Sum(total, result.Parameters);
                string inputMask = masks[reads[0]] ?? "";
                // A layer that reads token ids starts its input's mask; a position-wise layer keeps the mask all its inputs share.
                string outputMask = definition.ReadsTokens || definition.KeepsMask(result.Settings!) && reads.All(r => masks[r] == inputMask) ? inputMask : "";
                var plan = new LayerPlan(name, definition.Kind, arguments.ToEquatableArray(), inputShapes[0], result.Output, result.Parameters, result.Settings!, false)
                {
                    Inputs = inputNames.ToEquatableArray(),
                    Mask = outputMask,
                    InputMask = inputMask,
                };
                masks[node] = outputMask;
                plans.Add(plan);
                planOf[node] = plan;
                shapes[node] = result.Output;
            }
            shapesKnown &= plans.Count == spec.Layers.Count && graph.Output >= 0 && planOf.ContainsKey(graph.Output);
            EquatableArray<long> shape = shapesKnown ? shapes[graph.Output]!.Value : default;
            EquatableArray<long> input = inputs.Count > 0 ? inputs[0].Shape : default;

            List<Argument>? training = ArgumentResolver.Resolve(TrainingOptionCatalog.Definitions, spec.Training, "the training options",
                spec.TrainingSpan, diagnostics,
                (argument, expected) => Diagnostics.Create(Diagnostics.InvalidTrainingOption, argument.Span, argument.Name, argument.Value.Display(), expected));
            if (training is null)
                ok = false;
            else
            {
                ok &= CheckTrainingOptions(spec, training, diagnostics);
                if (shapesKnown)
                    ok &= CheckFreeze(training, plans, diagnostics);
            }

            foreach (DeclaredMember member in spec.DeclaredMembers)
            {
                string? clash = System.Array.IndexOf(Names.GeneratedModuleMembers, member.Name) >= 0 ? "the generated module declares it"
                    : identifiers.TryGetValue(member.Name, out string? layerName) ? $"the generated module declares it for layer '{layerName}'"
                    : null;
                if (clash is null)
                    continue;
                diagnostics.Add(Diagnostics.Create(Diagnostics.UnsupportedClass, member.Span, spec.ClassName,
                    $"it declares '{member.Name}', but {clash}; rename or remove the member"));
                ok = classUsable = false;
            }

            ModelTask task = ModelTask.Regression;
            long units = 0;
            string finalActivation = "";
            if (ok && shapesKnown && training is not null)
            {
                LayerPlan last = planOf[graph.Output];
                int lastPlan = plans.IndexOf(last);
                SourceSpan lastSpan = spec.Layers[graph.Nodes[graph.Output].LayerIndex].Span;
                units = shape.Count == 1 ? shape[0] : Shape.Elements(shape);
                string activation = last.Settings.Activation;
                if (activation == "softmax" && units == 1)
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.SoftmaxOnOneUnit, lastSpan, last.Name));
                    ok = false;
                }
                ok &= DecideTask(spec, training, shape, activation, diagnostics, out task);
                // An output another layer also reads keeps its activation: that layer must see what the declaration says.
                if (ok && graph.Nodes[graph.Output].Readers == 0 &&
                    (task == ModelTask.MultiClass && activation == "softmax" || task == ModelTask.Binary && activation == "sigmoid"))
                {
                    finalActivation = activation;
                    plans[lastPlan] = last with { SkipActivation = true };
                    string loss = task == ModelTask.MultiClass ? "cross-entropy" : "binary cross-entropy";
                    diagnostics.Add(Diagnostics.Create(Diagnostics.FinalActivationAtPrediction, lastSpan, activation, last.Name, loss));
                }
                if (ok)
                    ok &= CheckTrainingForTask(spec, training, task, units, diagnostics);
            }

            return new CheckedModel(spec.Namespace, spec.ClassName, spec.Accessibility, HintName(spec), input, shape,
                plans.ToEquatableArray(), total, finalActivation, task, units,
                (training ?? new List<Argument>()).ToEquatableArray(),
                inputs.Count == 1 && inputs[0].Kind == InputKind.Tokens, SpecHash(spec, inputs, plans, spec.Features, shapesKnown ? graph.Nodes[graph.Output].Name : ""), diagnostics.ToEquatableArray())
            {
                Features = spec.Features,
                Inputs = inputs.ToEquatableArray(),
                NamedInputs = spec.Inputs.Count > 0,
                IsGraph = IsGraph(spec),
                OutputName = shapesKnown ? graph.Nodes[graph.Output].Name : "",
                CanEmit = ok && shapesKnown,
                CanStub = !(ok && shapesKnown) && classUsable && Names.IsIdentifier(spec.ClassName),
                ModelSpan = spec.ModelSpan,
            };
        }

        /// <summary>The name of a token input that declares a padding id (the source of a padding mask), or "".</summary>
        private static string MaskOf(CheckedInput input) => input.Kind == InputKind.Tokens && input.PaddingId >= 0 ? input.Name : "";

        /// <summary>
        /// Why the identifiers layer <paramref name="name"/> brings (its own and those derived from it, such as an LSTM's
        /// <c>name_final</c> local) would clash with those of an earlier layer or the class, or null; records them when not.
        /// </summary>
        private static string? ClashingName(string name, LayerDefinition definition, Dictionary<string, string> identifiers, string className)
        {
            var introduced = new List<string> { name };
            introduced.AddRange(definition.DerivedNames(name));
            foreach (string identifier in introduced)
            {
                if (identifiers.TryGetValue(identifier, out string? owner))
                    return identifier == name ? $"the generated code already names '{identifier}' after layer '{owner}'"
                        : $"the generated code for it needs '{identifier}', which {(identifier == owner ? "is" : "is derived from")} layer '{owner}'";
                if (identifier == className)
                    return $"the generated code for it needs '{identifier}', the model's class name";
            }
            foreach (string identifier in introduced)
                identifiers[identifier] = name;
            return null;
        }

        /// <summary>
        /// The model's inputs: its named inputs, or the one unnamed input (<c>input</c>) of a declared shape or a feature record.
        /// Reports missing, invalid and conflicting declarations; an input whose shape is unknown is returned with an empty shape.
        /// </summary>
        /// <summary>Parameters and locals of the typed trainer members, which input names become parameters beside.</summary>
        private static readonly string[] InputParameterClashes = { "targets", "options", "inputs", "data", "values", "scope", "trainTargets", "validationTargets", "trainData", "validationData" };

        private static List<CheckedInput> CheckInputs(ModelSpec spec, List<DiagnosticInfo> diagnostics, ref bool ok)
        {
            var inputs = new List<CheckedInput>();
            long? recordWidth = null;
            if (spec.Features is { } record)
            {
                recordWidth = CheckFeatures(spec, record, diagnostics);
                ok &= recordWidth is not null;
            }
            if (spec.Inputs.Count == 0)
            {
                EquatableArray<long> input = spec.Input;
                if (spec.Features is { } features && recordWidth is { } width)
                {
                    if (spec.Input.Count > 0 && !(spec.Input.Count == 1 && spec.Input[0] == width))
                    {
                        diagnostics.Add(Diagnostics.Create(Diagnostics.FeatureWidthMismatch, spec.InputSpan, spec.ClassName, Shape.Display(spec.Input),
                            features.DisplayName, width.ToString(CultureInfo.InvariantCulture)));
                        ok = false;
                    }
                    else
                        input = new[] { width }.ToEquatableArray();
                }
                if (input.Count == 0 && spec.Features is null)
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.MissingInput, spec.ModelSpan, spec.ClassName));
                    ok = false;
                }
                else if (input.Any(d => d < 1) || Shape.Elements(input) < 0)
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidInput, spec.InputSpan, "[" + string.Join(", ", input) + "]", spec.ClassName));
                    ok = false;
                }
                inputs.Add(new CheckedInput("input", spec.Features is null ? InputKind.Tensor : InputKind.Record, input, 0, -1, spec.InputSpan));
                return inputs;
            }

            if (spec.Input.Count > 0 || spec.Features is not null && !spec.Inputs.Any(i => i.Kind == InputKind.Record))
            {
                InputSpec first = spec.Inputs[0];
                diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidInputDeclaration, first.Span, first.Name, spec.ClassName,
                    spec.Source == ModelSource.Yaml
                        ? "the model also declares 'input' or 'features'; list every input under 'inputs' instead"
                        : "the model also declares an input shape or record in [Model(...)]; declare every input with [Input] instead"));
                ok = false;
            }
            var seen = new HashSet<string>();
            foreach (InputSpec declared in spec.Inputs)
            {
                string? problem =
                    !Names.IsIdentifier(declared.Name) ? "its name is not a valid identifier (letters, digits and '_', not starting with a digit)"
                    : Names.ReservedReason(declared.Name, spec.ClassName) is { } reserved ? "its name cannot be used: " + reserved
                    : System.Array.IndexOf(InputParameterClashes, declared.Name) >= 0 ? "the generated trainer's typed members use that name for a parameter or local"
                    : !seen.Add(declared.Name) ? "another input has the same name"
                    : declared.Kind switch
                    {
                        InputKind.Record => null,
                        _ when declared.Shape.Count == 0 => "it declares no shape",
                        _ when declared.Shape.Any(d => d < 1 || d > ParameterDefinition.MaxSize) || Shape.Elements(declared.Shape) < 0 =>
                            $"every dimension of its shape {Shape.Display(declared.Shape)} must be from 1 to {ParameterDefinition.MaxSize.ToString(CultureInfo.InvariantCulture)}",
                        InputKind.Tokens when declared.Shape.Count != 1 => "token ids are a 1-D sequence: declare its length only",
                        InputKind.Tokens when declared.Vocabulary < 1 || declared.Vocabulary > ParameterDefinition.MaxSize =>
                            $"its vocabulary must be from 1 to {ParameterDefinition.MaxSize.ToString(CultureInfo.InvariantCulture)}",
                        InputKind.Tokens when declared.PaddingId < -1 || declared.PaddingId >= declared.Vocabulary =>
                            $"its padding id {declared.PaddingId.ToString(CultureInfo.InvariantCulture)} must be a token id below the vocabulary ({declared.Vocabulary.ToString(CultureInfo.InvariantCulture)}), or -1 for none",
                        InputKind.Tensor when declared.PaddingId != -1 => "only token ids have a padding id; set a vocabulary to make it token ids",
                        _ => null,
                    };
                if (problem is not null)
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidInputDeclaration, declared.Span, declared.Name, spec.ClassName, problem));
                    ok = false;
                }
                EquatableArray<long> shape = declared.Kind == InputKind.Record
                    ? recordWidth is { } width ? new[] { width }.ToEquatableArray() : EquatableArray<long>.Empty
                    : declared.Shape;
                inputs.Add(new CheckedInput(declared.Name, declared.Kind, shape, declared.Vocabulary, declared.PaddingId, declared.Span));
            }
            return inputs;
        }

        /// <summary>
        /// Applies the model's <c>EmbedEnums</c> to every enum of its record without <c>[Embed]</c>; a size outside 1 …
        /// <see cref="ParameterDefinition.MaxSize"/> is reported at the option instead (0 keeps them one-hot).
        /// </summary>
        private static ModelSpec WithDefaultEmbedding(ModelSpec spec, List<DiagnosticInfo> diagnostics, ref bool ok)
        {
            if (spec.EmbedEnums == 0)
                return spec;
            if (spec.EmbedEnums < 0 || spec.EmbedEnums > ParameterDefinition.MaxSize)
            {
                diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidEmbeddingSize, spec.EmbedEnumsSpan ?? spec.ModelSpan,
                    spec.EmbedEnums.ToString(CultureInfo.InvariantCulture),
                    $"{(spec.Source == ModelSource.Yaml ? "embed_enums" : "EmbedEnums")} of model '{spec.ClassName}'",
                    ParameterDefinition.MaxSize.ToString(CultureInfo.InvariantCulture)));
                ok = false;
                return spec;
            }
            return spec.Features is { } record ? spec with { Features = record.WithDefaultEmbedding(spec.EmbedEnums) } : spec;
        }

        /// <summary>Reports a [Scale] that cannot apply, an [Embed] on a non-enum or of a bad size, and two embeddings of one name.</summary>
        private static bool CheckScaleAndEmbedding(ModelSpec spec, FeatureRecordSpec record, FeatureSpec property, Dictionary<string, string> embeddingNames,
            List<DiagnosticInfo> diagnostics)
        {
            bool ok = true;
            if (property.ScaleSpan is { } scaleSpan && property.Kind != FeatureKind.Unsupported)
            {
                string? problem = property.Kind switch
                {
                    FeatureKind.Enum => "it is an enum, whose columns are one-hot (or, with [Embed], a member index); only numbers are scaled",
                    FeatureKind.Boolean => "it is a bool, which is always a 0/1 column; only numbers are scaled",
                    _ when property.Scale is < NumberScale.Standard or > NumberScale.Robust => "its value is not a member of FeatureScale (Standard, Quantile, Robust)",
                    _ => null,
                };
                if (problem is not null)
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.ScaleNotOnNumber, scaleSpan, property.Name, record.DisplayName, problem));
                    ok = false;
                }
            }
            if (property.EmbedSpan is { } embedSpan && property.Kind is FeatureKind.Number or FeatureKind.Boolean)
            {
                diagnostics.Add(Diagnostics.Create(Diagnostics.EmbedNotOnEnum, embedSpan, property.Name, record.DisplayName,
                    property.Kind == FeatureKind.Number
                        ? $"it is a number ({property.TypeName}); only enums are embedded"
                        : "it is a bool, already a single 0/1 column; only enums are embedded"));
                ok = false;
            }
            else if (property.Kind == FeatureKind.Enum && (property.EmbedSpan is not null || property.EmbedSize != 0))
            {
                if (property.EmbedSize < 1 || property.EmbedSize > ParameterDefinition.MaxSize)
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidEmbeddingSize, property.EmbedSpan ?? spec.EmbedEnumsSpan ?? spec.ModelSpan,
                        property.EmbedSize.ToString(CultureInfo.InvariantCulture), $"property '{property.Name}' of '{record.DisplayName}'",
                        ParameterDefinition.MaxSize.ToString(CultureInfo.InvariantCulture)));
                    ok = false;
                }
                else if (embeddingNames.TryGetValue(property.EmbeddingName, out string? other))
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.EmbedNotOnEnum, property.EmbedSpan ?? property.Span, property.Name, record.DisplayName,
                        $"its embedding would be named '{property.EmbeddingName}', as property '{other}''s is; rename one of them"));
                    ok = false;
                }
                else
                    embeddingNames[property.EmbeddingName] = property.Name;
            }
            return ok;
        }

        /// <summary>The local (and, for one input, the parameter of <c>ForwardEmbedded</c>) holding a record input after its embeddings.</summary>
        internal static string EmbeddedLocal(string input) => input + "_embedded";

        /// <summary>Reports what keeps the feature record from being an input; returns its width (inputs per record) or null.</summary>
        private static long? CheckFeatures(ModelSpec spec, FeatureRecordSpec record, List<DiagnosticInfo> diagnostics)
        {
            if (record.Problem.Length > 0)
            {
                diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidFeatureRecord, record.Span, record.DisplayName, spec.ClassName, record.Problem));
                return null;
            }
            if (record.Properties.Count == 0)
            {
                diagnostics.Add(Diagnostics.Create(Diagnostics.EmptyFeatureRecord, record.Span, record.DisplayName, spec.ClassName));
                return null;
            }
            bool ok = true;
            long width = 0;
            var embeddingNames = new Dictionary<string, string>();
            foreach (FeatureSpec property in record.Properties)
            {
                ok &= CheckScaleAndEmbedding(spec, record, property, embeddingNames, diagnostics);
                string? problem = property.Kind switch
                {
                    FeatureKind.Unsupported => $"its type '{property.TypeName}' is not a number (int, long, float, double, decimal…), bool or enum; convert it, or mark the property [ModelDsl.Ignore] to leave it out of the inputs",
                    FeatureKind.Enum when property.Members.Count == 0 => $"enum '{property.TypeName.Replace("global::", "")}' declares no members, so it has no one-hot columns",
                    _ => null,
                };
                if (problem is not null)
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.UnsupportedFeature, property.Span, property.Name, record.DisplayName, problem));
                    ok = false;
                }
                width += property.Columns;
            }
            if (ok && record.Construction.Problem.Length > 0)
                diagnostics.Add(Diagnostics.Create(Diagnostics.RecordNotBuildable, record.Span, record.DisplayName, spec.ClassName, record.Construction.Problem));
            return ok ? width : null;
        }

        private static readonly System.Text.RegularExpressions.Regex DevicePattern = new("^(auto|cpu|cuda(:[0-9]+)?)$");

        private static readonly HashSet<string> NameKey = new() { "name" };

        private static bool DecideTask(ModelSpec spec, List<Argument> training, EquatableArray<long> output, string activation,
            List<DiagnosticInfo> diagnostics, out ModelTask task)
        {
            Argument lossArgument = training.First(a => a.Key == "loss");
            string loss = lossArgument.Value.Text;
            long units = output.Count == 1 ? output[0] : -1;
            string outputText = Shape.Display(output);
            switch (loss)
            {
                case "cross_entropy":
                    task = ModelTask.MultiClass;
                    if (units < 2)
                        return Fail(diagnostics, lossArgument.Span, loss, outputText, spec.ClassName,
                            units == 1 ? "cross_entropy needs at least 2 output units; use binary_cross_entropy for one sigmoid unit" : "cross_entropy needs a 1-D output (classes)");
                    if (activation == "sigmoid")
                        return Fail(diagnostics, lossArgument.Span, loss, outputText, spec.ClassName, "the output ends in sigmoid; use softmax (or no activation) with cross_entropy");
                    return true;
                case "binary_cross_entropy":
                    task = ModelTask.Binary;
                    if (units != 1)
                        return Fail(diagnostics, lossArgument.Span, loss, outputText, spec.ClassName, "binary_cross_entropy needs exactly one output unit");
                    if (activation == "softmax")
                        return Fail(diagnostics, lossArgument.Span, loss, outputText, spec.ClassName, "a softmax over one unit is always 1; use sigmoid");
                    return true;
                case "auto":
                    task = activation == "softmax" && units >= 2 ? ModelTask.MultiClass
                        : activation == "sigmoid" && units == 1 ? ModelTask.Binary
                        : ModelTask.Regression;
                    return true;
                default:
                    task = ModelTask.Regression;
                    return true;
            }
        }

        /// <summary>The checks of training options that need no output shape, so they are reported even when a layer is wrong.</summary>
        private static bool CheckTrainingOptions(ModelSpec spec, List<Argument> training, List<DiagnosticInfo> diagnostics)
        {
            bool ok = true;
            Argument Get(string key) => training.First(a => a.Key == key);
            void Range(string key, bool valid, string expected)
            {
                if (valid)
                    return;
                Argument argument = Get(key);
                diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidTrainingOption, argument.Span, argument.Name, argument.Value.Display(), expected));
                ok = false;
            }

            Range("batchsize", Get("batchsize").Value.Integer >= 1, "at least 1");
            Range("epochs", Get("epochs").Value.Integer >= 1, "at least 1");
            Range("learningrate", Get("learningrate").Value.Number > 0, "a positive number");
            Range("weightdecay", Get("weightdecay").Value.Number >= 0, "0 or more");
            Range("momentum", Get("momentum").Value.Number is >= 0 and < 1, "a value in [0, 1)");
            Range("validationsplit", Get("validationsplit").Value.Number is >= 0 and < 1, "a value in [0, 1)");
            Range("stepsize", Get("stepsize").Value.Integer >= 1, "at least 1");
            Range("gamma", Get("gamma").Value.Number is > 0 and <= 1, "a value in (0, 1]");
            Range("schedulepatience", Get("schedulepatience").Value.Integer >= 0, "0 or more");
            Range("patience", Get("patience").Value.Integer >= 0, "0 or more");
            Range("mindelta", Get("mindelta").Value.Number >= 0, "0 or more");
            Range("gradientclipnorm", Get("gradientclipnorm").Value.Number >= 0, "0 or more");
            Range("logeverysteps", Get("logeverysteps").Value.Integer >= 0, "0 or more");
            Range("accumulatesteps", Get("accumulatesteps").Value.Integer >= 1, "at least 1");
            Range("warmupsteps", Get("warmupsteps").Value.Integer >= 0, "0 or more");
            Range("warmupratio", Get("warmupratio").Value.Number is >= 0 and < 1, "a value in [0, 1)");
            bool warms = Get("schedule").Value.Text is "warmup_linear" or "warmup_cosine";
            Range("warmupsteps", warms || Get("warmupsteps").Value.Integer == 0, "0 unless the schedule is warmup_linear or warmup_cosine");
            Range("warmupratio", warms || Get("warmupratio").Value.Number == 0, "0 unless the schedule is warmup_linear or warmup_cosine");
            Range("device", DevicePattern.IsMatch(Get("device").Value.Text), "auto, cpu, cuda or cuda:N");
            string optimizer = Get("optimizer").Value.Text;
            double momentum = Get("momentum").Value.Number;
            // TorchSharp's SGD rejects Nesterov without momentum at run time, and Adam/AdamW ignore both silently.
            Range("nesterov", !Get("nesterov").Value.Boolean || optimizer == "sgd" && momentum > 0, "false unless the optimizer is sgd with momentum > 0");
            Range("momentum", momentum == 0 || optimizer is "sgd" or "rmsprop", "0 (momentum applies to sgd and rmsprop only)");

            Argument metrics = Get("metrics");
            string? repeated = metrics.Value.Texts.GroupBy(m => m).Where(g => g.Count() > 1).Select(g => g.Key).FirstOrDefault();
            if (repeated is not null)
            {
                diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidTrainingOption, metrics.Span, metrics.Name, metrics.Value.Display(), $"each metric once ('{repeated}' is listed twice)"));
                ok = false;
            }

            Argument monitor = Get("monitor");
            // What the runtime records every epoch (ModelTrainer refuses any other monitor): the training loss and accuracy
            // (other metrics need a full pass, so they are computed on validation data only), and the validation values.
            var valid = new List<string> { "loss" };
            if (metrics.Value.Texts.Contains("accuracy"))
                valid.Add("accuracy");
            valid.Add("val_loss");
            valid.AddRange(metrics.Value.Texts.Select(m => "val_" + m));
            if (!valid.Contains(monitor.Value.Text))
            {
                diagnostics.Add(Diagnostics.Create(Diagnostics.UnknownMonitor, monitor.Span, monitor.Value.Text, spec.ClassName, string.Join(", ", valid)));
                ok = false;
            }
            return ok;
        }

        /// <summary>
        /// Each <c>freeze</c> prefix must start with the name of a layer that has parameters; deeper segments (a BertEncoder's
        /// <c>encoder.layer.0</c>) are matched against the module's parameter names when training starts.
        /// </summary>
        private static bool CheckFreeze(List<Argument> training, List<LayerPlan> plans, List<DiagnosticInfo> diagnostics)
        {
            Argument freeze = training.First(a => a.Key == "freeze");
            string[] trainable = plans.Where(p => p.Parameters > 0).Select(p => p.Name).ToArray();
            foreach (string prefix in freeze.Value.Texts)
            {
                string[] segments = prefix.Split('.');
                if (segments.All(segment => segment.Length > 0) && System.Array.IndexOf(trainable, segments[0]) >= 0)
                    continue;
                string expected = trainable.Length == 0
                    ? "nothing: no layer of this model has parameters"
                    : "a dotted prefix of parameter names starting with a layer that has parameters (" + string.Join(", ", trainable) + ")";
                diagnostics.Add(Diagnostics.Create(Diagnostics.InvalidTrainingOption, freeze.Span, freeze.Name, prefix, expected));
                return false;
            }
            return true;
        }

        /// <summary>The checks of training options against the task the output decides (metrics, class weights).</summary>
        private static bool CheckTrainingForTask(ModelSpec spec, List<Argument> training, ModelTask task, long units, List<DiagnosticInfo> diagnostics)
        {
            bool ok = true;
            Argument Get(string key) => training.First(a => a.Key == key);
            Argument metrics = Get("metrics");
            string unitsText = units.ToString(CultureInfo.InvariantCulture);
            string taskName = task switch
            {
                ModelTask.Regression => $"regression model (of {unitsText} value{(units == 1 ? "" : "s")})",
                ModelTask.Binary => "binary classifier (one sigmoid unit)",
                _ => $"{unitsText}-class classifier",
            };
            foreach (string metric in metrics.Value.Texts)
            {
                bool classification = ClassificationMetrics.Contains(metric);
                if (classification == (task == ModelTask.Regression))
                {
                    diagnostics.Add(Diagnostics.Create(Diagnostics.MetricDoesNotFitOutput, metrics.Span, metric, taskName, spec.ClassName));
                    ok = false;
                }
            }

            Argument? weights = training.FirstOrDefault(a => a.Key == "classweights");
            if (weights is not null)
            {
                long expected = task == ModelTask.MultiClass ? units : task == ModelTask.Binary ? 1 : 0;
                if (weights.Value.Numbers.Count != expected)
                {
                    string has = task == ModelTask.Regression ? "is a regression model (class weights need a classifier)"
                        : $"has {expected} {(task == ModelTask.Binary ? "positive-class weight" : "classes")}";
                    diagnostics.Add(Diagnostics.Create(Diagnostics.ClassWeightsMismatch, weights.Span,
                        weights.Value.Numbers.Count.ToString(CultureInfo.InvariantCulture), spec.ClassName, has));
                    ok = false;
                }
            }
            return ok;
        }

        private static bool Fail(List<DiagnosticInfo> diagnostics, SourceSpan span, string loss, string output, string model, string why)
        {
            diagnostics.Add(Diagnostics.Create(Diagnostics.LossDoesNotFitOutput, span, loss, output, model, why));
            return false;
        }

        private static string HintName(ModelSpec spec) =>
            (spec.Namespace.Length == 0 ? "" : spec.Namespace + ".") + spec.ClassName;

        /// <summary>FNV-1a (64-bit) over a canonical text of the architecture: stable across runs, machines and front ends.</summary>
        private static bool IsGraph(ModelSpec spec) => spec.Inputs.Count > 0 || spec.Output is not null || spec.Layers.Any(l => l.Inputs.Count > 0);

        /// <remarks>
        /// A chain (one unnamed input, no layer naming its inputs, no declared output) hashes exactly as before graphs, so its
        /// checkpoints still load; a graph adds its inputs and every layer's wiring.
        /// </remarks>
        private static string SpecHash(ModelSpec spec, List<CheckedInput> inputs, List<LayerPlan> plans, FeatureRecordSpec? features, string output)
        {
            bool graph = IsGraph(spec);
            var text = graph
                ? new StringBuilder("inputs=").Append(string.Join("|", inputs.Select(i =>
                    $"{i.Name}:{i.Kind}:{string.Join(",", i.Shape)}:{i.Vocabulary.ToString(CultureInfo.InvariantCulture)}:{i.PaddingId.ToString(CultureInfo.InvariantCulture)}")))
                : new StringBuilder("input=").Append(string.Join(",", inputs.Count > 0 ? inputs[0].Shape : default));
            // The column layout is part of the architecture: a checkpoint of one record layout must not load into another.
            if (features is not null)
                foreach (FeatureSpec property in features.Properties)
                {
                    text.Append(";feature:").Append(property.Name).Append(':').Append(property.Kind).Append(':').Append(string.Join("|", property.Members));
                    if (property.IsEmbedded)
                        text.Append(":embed=").Append(property.EmbedSize.ToString(CultureInfo.InvariantCulture));
                }
            foreach (LayerPlan plan in plans)
            {
                text.Append(';').Append(plan.Name).Append(':').Append(plan.Kind);
                if (graph)
                    text.Append('<').Append(string.Join(",", plan.Inputs));
                // A padding mask changes what the layers compute from the same weights (only token inputs of graphs have one).
                if (plan.InputMask.Length > 0)
                    text.Append("@mask=").Append(plan.InputMask);
                foreach (Argument argument in plan.Arguments)
                    text.Append(',').Append(argument.Key).Append('=').Append(argument.Value.Display());
            }
            if (graph)
                text.Append(";output=").Append(output);
            ulong hash = 14695981039346656037UL;
            foreach (char c in text.ToString())
            {
                hash ^= c;
                hash *= 1099511628211UL;
            }
            return hash.ToString("x16", CultureInfo.InvariantCulture);
        }
    }
}
