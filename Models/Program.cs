using System.CommandLine;
using ModelDsl.Models.Cli;

var root = new RootCommand("ModelDsl: declare a network once, train it with TorchSharp.");
root.Subcommands.Add(InfoCommand.Create());
return root.Parse(args).Invoke();
