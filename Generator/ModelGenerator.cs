using Microsoft.CodeAnalysis;

namespace ModelDsl.Generator
{
    /// <summary>Placeholder until the model generator lands.</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class ModelGenerator : IIncrementalGenerator
    {
        /// <inheritdoc />
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
        }
    }
}
