using ModelDsl.Models.Cli;

namespace ModelDsl.Models.Catalog;

/// <summary>The models this app ships, looked up by their command-line name.</summary>
internal sealed class ModelCatalog(IReadOnlyList<ShippedModel> models)
{
    /// <summary>Every shipped model, in the order <c>list</c> prints them.</summary>
    public IReadOnlyList<ShippedModel> Models { get; } = models;

    /// <summary>Finds a model by name, or fails with the list of known names.</summary>
    /// <exception cref="CliException">No model has that name.</exception>
    public ShippedModel Find(string name) =>
        Models.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new CliException($"unknown model '{name}'; known models: {string.Join(", ", Models.Select(m => m.Name))}.");
}
