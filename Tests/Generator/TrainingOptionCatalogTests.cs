using System.Globalization;
using System.Reflection;
using ModelDsl.Generator.Spec;
using ModelDsl.Training;

namespace ModelDsl.Tests.Generator;

/// <summary>
/// The generator's training-option table, the runtime's <see cref="TrainingOptions"/> and the <see cref="TrainAttribute"/>
/// describe the same options with the same defaults, so a model without [Train] trains exactly as TrainingOptions says.
/// </summary>
public sealed class TrainingOptionCatalogTests
{
    private static readonly TrainingOptions RuntimeDefaults = new();

    public static TheoryData<string> OptionProperties()
    {
        var data = new TheoryData<string>();
        foreach (PropertyInfo property in typeof(TrainingOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.Name != "EqualityContract"))
            data.Add(property.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(OptionProperties))]
    public void Every_runtime_option_has_one_catalog_entry_and_an_attribute_property_with_the_same_default(string property)
    {
        var option = Assert.Single(TrainingOptionCatalog.All, o => o.Property == property);
        object? runtime = typeof(TrainingOptions).GetProperty(property)!.GetValue(RuntimeDefaults);
        PropertyInfo? attributeProperty = typeof(TrainAttribute).GetProperty(property);
        Assert.NotNull(attributeProperty);
        Assert.True(attributeProperty!.CanWrite, $"[Train] must let users set {property}");

        if (runtime is System.Collections.IEnumerable and not string)
            return; // Metrics and class weights: empty by default in both, checked by the snapshots' DefaultOptions.
        Assert.Equal(runtime, attributeProperty.GetValue(new TrainAttribute()));

        if (option.Definition.Default is not { } catalogDefault)
        {
            Assert.Null(runtime); // an optional option without a default (class weights) is unset at run time too
            return;
        }
        string catalogText = catalogDefault.Kind switch
        {
            ArgumentKind.Integer => catalogDefault.Integer.ToString(CultureInfo.InvariantCulture),
            ArgumentKind.Number => catalogDefault.Number.ToString("R", CultureInfo.InvariantCulture),
            ArgumentKind.Boolean => catalogDefault.Boolean.ToString(),
            _ => option.EnumType is null ? catalogDefault.Text : TrainingOptionCatalog.EnumMember(catalogDefault.Text),
        };
        string runtimeText = runtime switch
        {
            double d => d.ToString("R", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => runtime?.ToString() ?? "",
        };
        Assert.Equal(runtimeText, catalogText);
    }

    [Fact]
    public void Catalog_has_no_option_the_runtime_lacks()
    {
        var runtime = typeof(TrainingOptions).GetProperties().Select(p => p.Name).ToHashSet();
        Assert.All(TrainingOptionCatalog.All, o => Assert.Contains(o.Property, runtime));
        Assert.Equal(TrainingOptionCatalog.All.Length, TrainingOptionCatalog.All.Select(o => o.Definition.Name).Distinct().Count());
    }

    [Fact]
    public void Model_attribute_accepts_the_input_as_a_named_array()
    {
        GeneratorRun run = GeneratorHarness.Run("using ModelDsl;\nnamespace Demo;\n[Model(Input = new[] { 1, 28, 28 })][Flatten][Dense(10)] public partial class Named { }");
        Assert.Empty(run.CompilationErrors);
        Assert.Contains("InputShape { get; } = new long[] { 1L, 28L, 28L };", run.Sources["Demo.Named.Module.g.cs"]);
        Assert.Contains("OutputShape { get; } = new long[] { 10L };", run.Sources["Demo.Named.Module.g.cs"]);
    }
}
