using System.Reflection;
using ModelDsl.Generator.Layers;
using ModelDsl.Tests.Support;
using TorchSharp;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// The generator cannot see TorchSharp or the runtime, so it keeps lists of the members generated classes inherit. These
/// tests read the real members by reflection: a layer or model named like any of them would hide or shadow it (CS0108,
/// CS0542, or a type lookup that finds the member), so each must be reserved.
/// </summary>
public sealed class ReservedNameTests
{
    /// <summary>Public and protected member names a class deriving from <paramref name="type"/> sees, from every base type.</summary>
    internal static SortedSet<string> InheritedNames(Type type)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        for (Type? current = type; current is not null; current = current.BaseType)
            foreach (MemberInfo member in current.GetMembers(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                bool visible = member switch
                {
                    MethodBase m => (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly) && !m.IsSpecialName && m is not ConstructorInfo,
                    FieldInfo f => (f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly) && !f.IsSpecialName,
                    PropertyInfo p => p.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
                    EventInfo e => e.AddMethod is { } add && (add.IsPublic || add.IsFamily || add.IsFamilyOrAssembly),
                    Type t => t.IsNestedPublic || t.IsNestedFamily || t.IsNestedFamORAssem,
                    _ => false,
                };
                if (visible && !member.Name.Contains('.') && !member.Name.Contains('<'))
                    names.Add(member.Name.Split('`')[0]);
            }
        return names;
    }

    [Fact]
    public void Every_member_of_torchsharps_module_is_a_reserved_layer_and_model_name()
    {
        SortedSet<string> inherited = InheritedNames(typeof(torch.nn.Module<torch.Tensor, torch.Tensor>));
        Assert.Contains("forward", inherited);
        string[] missing = inherited.Where(n => Names.ReservedReason(n, "M") is null || Names.ReservedModelReason(n) is null).ToArray();
        Assert.True(missing.Length == 0, "not reserved: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_member_the_generated_trainer_inherits_is_a_reserved_model_name()
    {
        SortedSet<string> inherited = InheritedNames(typeof(ModelDsl.Training.ModelTrainer<torch.nn.Module<torch.Tensor, torch.Tensor>>));
        Assert.Contains("Fit", inherited);
        string[] missing = inherited.Where(n => Names.ReservedModelReason(n) is null).ToArray();
        Assert.True(missing.Length == 0, "not reserved: " + string.Join(", ", missing));
    }

    [SkippableFact]
    public void Every_attribute_of_pytorchs_nn_module_is_a_reserved_layer_name()
    {
        Skip.If(PythonTorch.MissingReason is not null, PythonTorch.MissingReason);
        // Class attributes and those an instance sets in __init__: either kind would be found before a submodule.
        ProcessResult listed = ProcessRunner.Run(PythonTorch.Python,
            ["-c", "import torch; m = torch.nn.Module(); print('\\n'.join(sorted(set(dir(torch.nn.Module)) | set(vars(m)))))"]);
        Assert.Equal(0, listed.ExitCode);
        string[] attributes = listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Contains("float", attributes);
        Assert.Contains("_modules", attributes);
        string[] missing = attributes.Where(n => Names.PyTorchReservedReason(n) is null).ToArray();
        Assert.True(missing.Length == 0, "not reserved: " + string.Join(", ", missing));
        Assert.Null(Names.PyTorchReservedReason("classifier"));
    }
}
