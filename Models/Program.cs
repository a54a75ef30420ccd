using ModelDsl.Models.Catalog;
using ModelDsl.Models.Cli;

var catalog = new ModelCatalog([]);
return new CommandLineApp(catalog, Console.Out, Console.Error).Run(args);
