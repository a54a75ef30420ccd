namespace ModelDsl.Benchmarks;

/// <summary>The benchmark's command line: sizes, which sections to run, the device, and where to find a PyTorch Python.</summary>
internal sealed record BenchmarkOptions(
    int Examples, int Repeats, IReadOnlySet<string> Sections, string Device, string? Python, bool SkipBuildShare, int MemoryEpochs)
{
    /// <summary>Every section, in the order they run.</summary>
    public static readonly string[] AllSections = ["training", "pytorch", "loader", "generator", "memory", "checkpoint"];

    /// <summary>The environment variable that may name the Python to run the PyTorch reference with.</summary>
    public const string PythonVariable = "MODELDSL_BENCH_PYTHON";

    public const string Usage =
        "usage: dotnet run -c Release --project Benchmarks -- [--examples N] [--repeats R] [--only training,pytorch,loader,generator,memory,checkpoint]\n" +
        "       [--device cpu|cuda|cuda:N] [--python PATH] [--skip-build-share] [--memory-epochs N]";

    public bool Runs(string section) => Sections.Contains(section);

    /// <exception cref="ArgumentException">An unknown flag, a missing or non-positive value, or an unknown section name.</exception>
    public static BenchmarkOptions Parse(string[] args)
    {
        int examples = 6400, repeats = 3, memoryEpochs = 20;
        string device = "cpu";
        string? python = Environment.GetEnvironmentVariable(PythonVariable);
        bool skipBuildShare = false;
        var sections = new HashSet<string>(AllSections);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--examples": examples = PositiveValue(args, ref i); break;
                case "--repeats": repeats = PositiveValue(args, ref i); break;
                case "--memory-epochs": memoryEpochs = PositiveValue(args, ref i); break;
                case "--device": device = Value(args, ref i); break;
                case "--python": python = Value(args, ref i); break;
                case "--skip-build-share": skipBuildShare = true; break;
                case "--only":
                    sections = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
                    string[] unknown = sections.Except(AllSections).ToArray();
                    if (unknown.Length > 0)
                        throw new ArgumentException($"--only: unknown section(s) {string.Join(", ", unknown)}; expected some of {string.Join(",", AllSections)}.");
                    break;
                default: throw new ArgumentException($"unknown argument '{name}'.\n{Usage}");
            }
        }
        return new BenchmarkOptions(examples, repeats, sections, device, string.IsNullOrWhiteSpace(python) ? null : python, skipBuildShare, memoryEpochs);
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
            throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
        return args[++i];
    }

    private static int PositiveValue(string[] args, ref int i)
    {
        string flag = args[i];
        string text = Value(args, ref i);
        return int.TryParse(text, out int value) && value > 0
            ? value
            : throw new ArgumentException($"{flag} needs a positive whole number (got '{text}').");
    }
}
