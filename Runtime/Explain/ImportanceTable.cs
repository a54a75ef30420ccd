using Spectre.Console;

namespace ModelDsl.Explain;

/// <summary>Plain-text tables of explanations for the console (Spectre.Console, no colours, so they read well in logs).</summary>
public static class ImportanceTable
{
    /// <summary>A table of <paramref name="ranking"/> in its order: rank, feature, mean score drop and its standard deviation.</summary>
    /// <param name="ranking">Importances, usually from <see cref="PermutationImportance"/> (largest first).</param>
    /// <param name="scoreName">What the score is (e.g. <c>ROC AUC</c>), named in the column header.</param>
    public static string Render(IReadOnlyList<FeatureImportance> ranking, string scoreName)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var table = new Table().Border(TableBorder.Ascii)
            .AddColumn("#")
            .AddColumn("feature")
            .AddColumn(new TableColumn(Markup.Escape($"drop in {scoreName}")).RightAligned())
            .AddColumn(new TableColumn("± std").RightAligned());
        for (int i = 0; i < ranking.Count; i++)
        {
            FeatureImportance item = ranking[i];
            table.AddRow((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Markup.Escape(item.Feature),
                item.Importance.ToString("F4", System.Globalization.CultureInfo.InvariantCulture),
                item.StandardDeviation.ToString("F4", System.Globalization.CultureInfo.InvariantCulture));
        }
        return RenderPlain(table);
    }

    /// <summary>A table of per-feature attributions (e.g. integrated gradients summed per feature), largest magnitude first.</summary>
    public static string RenderAttributions(IReadOnlyList<(string Feature, double Attribution)> attributions)
    {
        ArgumentNullException.ThrowIfNull(attributions);
        var table = new Table().Border(TableBorder.Ascii).AddColumn("feature").AddColumn(new TableColumn("attribution").RightAligned());
        foreach ((string feature, double attribution) in attributions.OrderByDescending(a => Math.Abs(a.Attribution)))
            table.AddRow(Markup.Escape(feature), attribution.ToString("+0.0000;-0.0000", System.Globalization.CultureInfo.InvariantCulture));
        return RenderPlain(table);
    }

    private static string RenderPlain(Table table)
    {
        using var writer = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = 120;
        console.Write(table);
        return writer.ToString();
    }
}
