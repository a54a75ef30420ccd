using System.Linq;
using System.Text;

namespace ModelDsl.Generator.Layers
{
    /// <summary>Name normalisation shared by both front ends, so <c>LeakyReLU</c>, <c>leaky_relu</c> and <c>leakyrelu</c> are one name.</summary>
    internal static class Names
    {
        public static string Normalize(string name)
        {
            var builder = new StringBuilder(name.Length);
            foreach (char c in name)
                if (c != '_' && c != '-')
                    builder.Append(char.ToLowerInvariant(c));
            return builder.ToString();
        }

        /// <summary>
        /// The forward() local holding the padding mask of token input <paramref name="input"/> (true at real tokens),
        /// reserved for every token input that declares a padding id.
        /// </summary>
        public static string MaskLocal(string input) => input + "_mask";

        /// <summary>True when <paramref name="name"/> can be a C# field name and a state-dict key.</summary>
        public static bool IsIdentifier(string name)
        {
            if (name.Length == 0 || char.IsDigit(name[0]))
                return false;
            foreach (char c in name)
                if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')))
                    return false;
            return true;
        }

        /// <summary>
        /// Why <paramref name="name"/> cannot name a layer field of model <paramref name="className"/>, or null when it can:
        /// a C# keyword, the class name, a member the generated code or TorchSharp's <c>Module</c> already defines, or a
        /// local or parameter name of the generated code (a field of that name would be shadowed there).
        /// </summary>
        public static string? ReservedReason(string name, string className)
        {
            if (IsKeyword(name))
                return "it is a C# keyword";
            if (name == className)
                return "it is the model's class name";
            // Module before the generated members: 'forward' is both, and TorchSharp's is the one it overrides.
            if (System.Array.IndexOf(ModuleMembers, name) >= 0)
                return "TorchSharp's Module defines a member of that name";
            if (System.Array.IndexOf(GeneratedModuleMembers, name) >= 0 || System.Array.IndexOf(GeneratedLocals, name) >= 0)
                return "the generated model defines a member or local of that name";
            return null;
        }

        /// <summary>
        /// Why <paramref name="name"/> cannot name a layer of the PyTorch twin, or null when it can. The twin registers each
        /// layer as an attribute of an <c>nn.Module</c> subclass, and a class attribute of that name wins Python's lookup:
        /// <c>self.float</c> would be the method, not the layer. Inputs are only forward()'s parameters there, so this is
        /// for layers alone.
        /// </summary>
        public static string? PyTorchReservedReason(string name)
        {
            if (System.Array.IndexOf(PyTorchModuleMembers, name) >= 0 || (name.StartsWith("__", System.StringComparison.Ordinal) && name.EndsWith("__", System.StringComparison.Ordinal)))
                return "the PyTorch twin's torch.nn.Module defines a member of that name";
            if (System.Array.IndexOf(PyTorchTwinMembers, name) >= 0)
                return "the PyTorch twin defines a member of that name";
            return null;
        }

        // Attributes of PyTorch's torch.nn.Module, class and instance (1.13, plus what 2.x added), Python's special names
        // aside, which are refused by their shape (Tests/Generator/ReservedNameTests checks this against Debian's PyTorch).
        internal static readonly string[] PyTorchModuleMembers =
        {
            "T_destination", "_apply", "_backward_hooks", "_backward_pre_hooks", "_buffers", "_call_impl", "_compiled_call_impl",
            "_forward_hooks", "_forward_hooks_always_called", "_forward_hooks_with_kwargs", "_forward_pre_hooks",
            "_forward_pre_hooks_with_kwargs", "_get_backward_hooks", "_get_backward_pre_hooks", "_get_name", "_is_full_backward_hook",
            "_load_from_state_dict", "_load_state_dict_post_hooks", "_load_state_dict_pre_hooks", "_maybe_warn_non_full_backward_hook",
            "_modules", "_named_members", "_non_persistent_buffers_set", "_parameters", "_register_load_state_dict_pre_hook",
            "_register_state_dict_hook", "_replicate_for_data_parallel", "_save_to_state_dict", "_slow_forward", "_state_dict_hooks",
            "_state_dict_pre_hooks", "_version", "_wrapped_call_impl", "add_module", "apply", "bfloat16", "buffers", "call_super_init",
            "children", "compile", "cpu", "cuda", "double", "dump_patches", "eval", "extra_repr", "float", "forward", "get_buffer",
            "get_extra_state", "get_parameter", "get_submodule", "half", "ipu", "load_state_dict", "modules", "mtia", "named_buffers",
            "named_children", "named_modules", "named_parameters", "parameters", "register_backward_hook", "register_buffer",
            "register_forward_hook", "register_forward_pre_hook", "register_full_backward_hook", "register_full_backward_pre_hook",
            "register_load_state_dict_post_hook", "register_load_state_dict_pre_hook", "register_module", "register_parameter",
            "register_state_dict_post_hook", "register_state_dict_pre_hook", "requires_grad_", "set_extra_state", "set_submodule",
            "share_memory", "state_dict", "to", "to_empty", "train", "training", "type", "xpu", "zero_grad",
        };

        // What the emitted twin class declares besides forward (see Emit/PyTorch/PythonModuleEmitter).
        private static readonly string[] PyTorchTwinMembers =
        {
            "INPUTS", "OUTPUT_SHAPE", "TASK", "FINAL_ACTIVATION", "PARAMETER_COUNT", "SPEC_HASH", "probabilities",
        };

        /// <summary>
        /// Why <paramref name="name"/> cannot be a model's class name, or null when it can: a C# keyword (reserved or
        /// contextual — <c>var</c> or <c>nameof</c> as a type would change what the generated code means), or a member of
        /// the generated module, TorchSharp's <c>Module</c> or the runtime's trainer (a type named like an inherited member
        /// is shadowed by it inside the generated classes).
        /// </summary>
        public static string? ReservedModelReason(string name, bool hasFeatureRecord = false)
        {
            if (IsKeyword(name))
                return "it is a C# keyword";
            if (name.Length > 0 && name.All(c => c >= 'a' && c <= 'z'))
                return "C# reserves type names of lower-case ASCII letters only for future keywords (warning CS8981)";
            if (hasFeatureRecord && System.Array.IndexOf(RecordTrainerMembers, name) >= 0)
                return "the generated trainer of a record model declares a member of that name";
            if (hasFeatureRecord && System.Array.IndexOf(RecordTrainerMembers, name + "Featurizer") >= 0)
                return $"its featurizer '{name}Featurizer' would be named like a member of the generated trainer";
            if (System.Array.IndexOf(ModuleMembers, name) >= 0)
                return "TorchSharp's Module defines a member of that name";
            if (System.Array.IndexOf(GeneratedModuleMembers, name) >= 0)
                return "the generated model defines a member of that name";
            if (System.Array.IndexOf(TrainerMembers, name) >= 0)
                return "the generated trainer inherits a member of that name from ModelTrainer";
            return null;
        }

        /// <summary>The Python module name of a model: its class name in snake_case (<c>FashionCnn</c> → <c>fashion_cnn</c>).</summary>
        public static string PythonModuleName(string className)
        {
            var text = new System.Text.StringBuilder();
            for (int i = 0; i < className.Length; i++)
            {
                char c = className[i];
                bool boundary = i > 0 && char.IsUpper(c) && (char.IsLower(className[i - 1]) || char.IsDigit(className[i - 1])
                    || (i + 1 < className.Length && char.IsLower(className[i + 1]) && char.IsUpper(className[i - 1])));
                if (boundary && text[text.Length - 1] != '_')
                    text.Append('_');
                text.Append(char.ToLowerInvariant(c));
            }
            return text.ToString();
        }

        /// <summary>
        /// Why <paramref name="className"/> cannot name the PyTorch twin's class, or null when it can: a Python keyword a C#
        /// class may be named (<c>None</c>), the <c>F</c> the twin imports <c>torch.nn.functional</c> as, or a class whose
        /// module (<see cref="PythonModuleName"/>) would shadow one the twin or the entry point imports (<c>Torch</c> →
        /// <c>torch.py</c>, found first beside the script).
        /// </summary>
        public static string? PyTorchReservedModelReason(string className)
        {
            if (className is "None" or "True" or "False")
                return "it is a Python keyword, and the PyTorch twin is a Python class of that name";
            if (className == "F")
                return "the PyTorch twin imports torch.nn.functional as F";
            string module = PythonModuleName(className);
            if (System.Array.IndexOf(PythonImports, module) >= 0)
                return $"the PyTorch twin's module '{module}.py' would shadow the Python module '{module}' that it or the training entry point imports";
            return null;
        }

        // What the twin, modeldsl_train.py and modeldsl_safetensors.py import, themselves included (see Runtime/Export/Python).
        private static readonly string[] PythonImports =
        {
            "argparse", "bisect", "contextlib", "importlib", "json", "math", "os", "shutil", "struct", "sys", "torch",
            "modeldsl_train", "modeldsl_safetensors",
        };

        // Members the trainer of a record-input model declares besides the inherited ones (see Emit/TorchSharp/TrainerEmitter).
        private static readonly string[] RecordTrainerMembers = { "Featurizer", "FitFeaturizer", "LoadFeaturizer", "ToDataset", "RequireFeaturizer" };

        /// <summary>True for reserved and contextual C# keywords.</summary>
        public static bool IsKeyword(string name) =>
            Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ||
            Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetContextualKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None;

        /// <summary>An identifier as C# must write it: keywords get <c>@</c> (<c>class</c> → <c>@class</c>).</summary>
        public static string Escape(string name) => IsKeyword(name) ? "@" + name : name;

        /// <summary>A dotted namespace with every keyword segment escaped (<c>Fuzz.class</c> → <c>Fuzz.@class</c>).</summary>
        public static string EscapeNamespace(string ns) => ns.Length == 0 ? "" : string.Join(".", System.Array.ConvertAll(ns.Split('.'), Escape));

        /// <summary>Members the generated module declares, other than layer fields (see Emit/TorchSharp/ModuleEmitter).</summary>
        public static readonly string[] GeneratedModuleMembers =
        {
            "InputShape", "OutputShape", "ParameterCount", "SpecHash", "FinalActivation", "Summary", "Probabilities", "forward",
            "ExportOnnx", "AddOnnxLayers",
            "EmbedFeatures", "ForwardEmbedded",
        };

        // Locals and parameters of the emitted module's methods (see Emit/TorchSharp/ModuleEmitter): forward() declares a local per
        // layer named after it and reads the parameter 'input', so a layer of one of these names would clash or shadow it
        // ('x', the running local forward() had before, stays reserved).
        private static readonly string[] GeneratedLocals = { "x", "input", "scope", "logits", "device", "output", "onnx", "path", "opset", "featurizer" };

        // Public and protected members of TorchSharp 0.107's nn.Module and nn.Module<T, TResult>, and of object
        // (Tests/Generator/ReservedNameTests checks this list against TorchSharp by reflection).
        internal static readonly string[] ModuleMembers =
        {
            "Create", "Dispose", "GetName", "RegisterComponents", "_to", "add_module", "apply", "buffers", "call", "children",
            "eval", "forward", "get_buffer", "get_parameter", "has_buffer", "has_parameter", "load", "load_state_dict",
            "modules", "named_buffers", "named_children", "named_modules", "named_parameters", "parameters", "register_buffer",
            "register_module", "register_parameter", "save", "save_state_dict", "state_dict", "train", "training", "zero_grad",
            "Equals", "GetHashCode", "GetType", "ToString", "MemberwiseClone", "Finalize", "ReferenceEquals",
            "ClearModules", "ConditionallyRegisterBuffer", "ConditionallyRegisterParameter", "GetDefaultDeviceAndType", "HType",
            "HookRemover", "ReplaceBuffer", "ReplaceParameter", "_deviceIndex", "_deviceType", "_internal_buffers", "_internal_params",
            "_internal_submodules", "_named_buffers", "_named_parameters", "_parameters", "_toEpilog", "module_post_hooks",
            "module_pre_hooks", "name", "post_hooks", "pre_hooks", "register_forward_hook", "register_forward_pre_hook",
        };

        // Public and protected members of ModelDsl.Training.ModelTrainer<T> and object, which the generated trainer inherits
        // (Tests/Generator/ReservedNameTests checks this list against the runtime by reflection).
        internal static readonly string[] TrainerMembers =
        {
            "Model", "Options", "Output", "InputShape", "SpecHash", "Progress", "Callbacks", "Optimizer", "Device",
            "PrepareOptimizer", "MoveToDevice", "Fit", "Evaluate", "PredictAll", "CheckpointFiles", "AddCheckpointFiles",
            "Predict", "ToPrediction", "ComputeLoss", "Dispose", "DefaultOptions", "DeclaredOutput", "CheckpointTo", "OwnsModel",
            "Inputs", "Forward", "ExplainIntegratedGradients",
        };

        /// <summary>Levenshtein distance, for "did you mean" suggestions.</summary>
        public static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (int j = 0; j <= b.Length; j++)
                previous[j] = j;
            for (int i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = System.Math.Min(System.Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }

        /// <summary>The nearest candidate (by normalised edit distance), or null when none is close.</summary>
        public static string? Nearest(string written, System.Collections.Generic.IEnumerable<string> candidates)
        {
            string key = Normalize(written);
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (string candidate in candidates)
            {
                int distance = Distance(key, Normalize(candidate));
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
            return bestDistance <= System.Math.Max(2, key.Length / 3) ? best : null;
        }
    }
}
