using ModelDsl.Generator.Emit.Onnx;
using ModelDsl.Generator.Emit.PyTorch;
using ModelDsl.Generator.Emit.TorchSharp;
using ModelDsl.Generator.Layers;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// Layer kinds are emitter-neutral: each shape rule produces a typed settings record, and each emitter lowers every
/// settings type. A layer kind added without its TorchSharp or ONNX lowering fails here instead of at a user's build.
/// </summary>
public sealed class LoweringTests
{
    [Fact]
    public void Every_layer_kind_has_a_torchsharp_lowering_of_its_settings()
    {
        foreach (LayerDefinition layer in LayerCatalog.All)
        {
            Type? typed = layer.GetType();
            while (typed is not null && !(typed.IsGenericType && typed.GetGenericTypeDefinition() == typeof(LayerDefinition<>)))
                typed = typed.BaseType;
            Assert.True(typed is not null, $"{layer.Kind} does not derive from LayerDefinition<TSettings>");
            Type settings = typed!.GetGenericArguments()[0];
            Assert.Equal(settings, layer.SettingsType);
            TorchSharpLowering? lowering = TorchSharpLowerings.Find(settings);
            Assert.True(lowering is not null, $"{layer.Kind} produces {settings.Name}, which has no TorchSharp lowering");
            Assert.Equal(settings, lowering!.SettingsType);
        }
    }

    /// <summary>The emitters besides TorchSharp: each finds the lowering of a settings type (or null) and lists what it lowers.</summary>
    public static TheoryData<string> Emitters() => new() { "PyTorch", "ONNX" };

    [Theory]
    [MemberData(nameof(Emitters))]
    public void Every_layer_kind_has_a_lowering_of_its_settings_in_each_emitter(string emitter)
    {
        (Func<Type, Type?> find, Type[] lowered) = emitter switch
        {
            "PyTorch" => ((Func<Type, Type?>)(t => PyTorchLowerings.Find(t)?.SettingsType), PyTorchLowerings.SettingsTypes.ToArray()),
            _ => (t => OnnxLowerings.Find(t)?.SettingsType, OnnxLowerings.SettingsTypes.ToArray()),
        };
        foreach (LayerDefinition layer in LayerCatalog.All)
        {
            Type? settings = find(layer.SettingsType);
            Assert.True(settings is not null, $"{layer.Kind} produces {layer.SettingsType.Name}, which has no {emitter} lowering");
            Assert.Equal(layer.SettingsType, settings);
        }
        Assert.Equal(lowered.Length, lowered.Distinct().Count());
    }

    [Fact]
    public void Every_settings_type_belongs_to_a_layer_kind_and_has_one_lowering()
    {
        Type[] settingsTypes = typeof(LayerSettings).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(LayerSettings)) && !t.IsAbstract).OrderBy(t => t.Name).ToArray();
        Type[] produced = LayerCatalog.All.Select(layer => layer.SettingsType).Distinct().OrderBy(t => t.Name).ToArray();
        Assert.Equal(settingsTypes, produced);
        Assert.Equal(settingsTypes, TorchSharpLowerings.SettingsTypes.OrderBy(t => t.Name).ToArray());
        Assert.Equal(settingsTypes, OnnxLowerings.SettingsTypes.OrderBy(t => t.Name).ToArray());
    }
}
