namespace ModelDsl.Benchmarks;

/// <summary>The benchmark's command line: sizes, which sections to run, the device, and where to find a PyTorch Python.</summary>
internal sealed record BenchmarkOptions(
    int Examples, int Repeats, IReadOnlySet<string> Sections, string Device, string? Python, bool SkipBuildShare, int MemoryEpochs,
    string FashionMnistFolder, IReadOnlySet<string> Cases, int PythonExamples, int? Threads)
{
    /// <summary>Every section, in the order they run.</summary>
    public static readonly string[] AllSections = ["training", "pytorch", "loader", "generator", "memory", "checkpoint", "encoder", "serving"];

    /// <summary>Every training case (see <see cref="TrainingCases"/>).</summary>
    public static readonly string[] AllCases = ["cnn32", "cnn512", "lstm", "transformer", "news-minilm"];

    /// <summary>Where Debian's dataset-fashion-mnist installs the IDX files.</summary>
    public const string DefaultFashionMnistFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The environment variable that may name the Python to run the PyTorch reference with.</summary>
    public const string PythonVariable = "MODELDSL_BENCH_PYTHON";

    public const string Usage =
        "usage: dotnet run -c Release --project Benchmarks -- [--examples N] [--repeats R] [--only training,pytorch,loader,generator,memory,checkpoint,encoder,serving]\n" +
        "       [--cases cnn32,cnn512,lstm,transformer,news-minilm] [--device cpu|cuda|cuda:N] [--python PATH] [--data FASHION_MNIST_FOLDER]\n" +
        "       [--python-examples N] [--threads N] [--skip-build-share] [--memory-epochs N]";

    public bool Runs(string section) => Sections.Contains(section);

    /// <exception cref="ArgumentException">An unknown flag, a missing or non-positive value, or an unknown section name.</exception>
    public static BenchmarkOptions Parse(string[] args)
    {
        int examples = 6400, repeats = 7, memoryEpochs = 20, pythonExamples = 1600;
        string device = "cpu", fashion = DefaultFashionMnistFolder;
        string? python = Environment.GetEnvironmentVariable(PythonVariable);
        bool skipBuildShare = false;
        int? threads = null;
        var sections = new HashSet<string>(AllSections);
        var cases = new HashSet<string>(AllCases);
        for (int i = 0; i < args.Length; i++)
        {
            string name = args[i];
            switch (name)
            {
                case "--examples": examples = PositiveValue(args, ref i); break;
                case "--repeats": repeats = PositiveValue(args, ref i); break;
                case "--memory-epochs": memoryEpochs = PositiveValue(args, ref i); break;
                case "--python-examples": pythonExamples = PositiveValue(args, ref i); break;
                case "--threads": threads = PositiveValue(args, ref i); break;
                case "--device": device = Value(args, ref i); break;
                case "--python": python = Value(args, ref i); break;
                case "--data": fashion = Value(args, ref i); break;
                case "--cases": cases = Names(args, ref i, AllCases); break;
                case "--skip-build-share": skipBuildShare = true; break;
                case "--only": sections = Names(args, ref i, AllSections); break;
                default: throw new ArgumentException($"unknown argument '{name}'.\n{Usage}");
            }
        }
        return new BenchmarkOptions(examples, repeats, sections, device, string.IsNullOrWhiteSpace(python) ? null : python, skipBuildShare, memoryEpochs,
            fashion, cases, pythonExamples, threads);
    }

    private static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
            throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
        return args[++i];
    }

    private static HashSet<string> Names(string[] args, ref int i, string[] known)
    {
        string flag = args[i];
        var names = Value(args, ref i).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        string[] unknown = names.Except(known).ToArray();
        if (names.Count == 0 || unknown.Length > 0)
            throw new ArgumentException($"{flag}: unknown or missing name(s) {string.Join(", ", unknown)}; expected some of {string.Join(",", known)}.");
        return names;
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
