using ModelDsl.Models.Catalog;
using ModelDsl.Models.Cli;

var catalog = new ModelCatalog([new FashionCnnModel(), new FashionResnetModel(), new PriceLstmModel(), new NewsTransformerModel(), new NewsMinilmModel(), new CreditMlpModel(),
    new CreditTextModel(), new CreditDefaultModel(), new GermanCreditModel()]);
return new CommandLineApp(catalog, Console.Out, Console.Error).Run(args);
