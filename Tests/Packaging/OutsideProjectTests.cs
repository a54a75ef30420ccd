using System.IO.Compression;
using System.Xml.Linq;
using ModelDsl.Tests.Foundation;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Packaging;

/// <summary>
/// Packs ModelDsl into a local feed and builds a project outside the repository that references it the way a
/// user does (one PackageReference). Checks the native fix reaches its build and publish output.
/// </summary>
public sealed class OutsideProjectTests : IClassFixture<OutsideProjectTests.PackedFeed>
{
    private readonly PackedFeed _feed;

    public OutsideProjectTests(PackedFeed feed) => _feed = feed;

    [Fact]
    public void Package_consumer_builds_patches_native_library_idempotently_and_runs_torch()
    {
        string app = _feed.CreateConsoleApp("NativeFixConsumer", """
            var versions = ModelDsl.Devices.RuntimeVersions.Current();
            using var sum = TorchSharp.torch.ones(3).sum();
            System.Console.WriteLine($"libtorch={versions.LibTorch} sum={sum.item<float>()}");
            """);

        Dotnet(app, "build", "-c", "Release");
        string built = Path.Combine(app, "bin", "Release", "net10.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        AssertOnlyGlibcxxWeakened(built);

        // A second build must leave the already patched library valid (idempotent).
        Dotnet(app, "build", "-c", "Release");
        AssertOnlyGlibcxxWeakened(built);

        ProcessResult run = Dotnet(app, "run", "-c", "Release", "--no-build");
        Assert.Contains("sum=3", run.StandardOutput);
        Assert.Contains("libtorch=2.10", run.StandardOutput);

        string publish = Path.Combine(app, "publish");
        Dotnet(app, "publish", "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", publish);
        AssertOnlyGlibcxxWeakened(Path.Combine(publish, "libLibTorchSharp.so"));
    }

    [Fact]
    public void Deleting_a_model_file_is_seen_by_an_incremental_build()
    {
        string app = _feed.CreateConsoleApp("DeletedModelConsumer", "System.Console.WriteLine(\"ok\");");
        string spec = Path.Combine(app, "Extra.model.yaml");
        File.WriteAllText(spec, "name: Extra\nnamespace: Consumer.Models\ninput: [4]\nlayers:\n  - type: dense\n    units: 2\n");
        string assembly = Path.Combine(app, "bin", "Release", "net10.0", "DeletedModelConsumer.dll");

        Dotnet(app, "build", "-c", "Release");
        Assert.Contains("Consumer.Models.ExtraTrainer", TypeNames(assembly));

        // Only a file disappears: no input is newer than the output, which is why the compiler used to be skipped.
        File.Delete(spec);
        Dotnet(app, "build", "-c", "Release");
        Assert.DoesNotContain("Consumer.Models.ExtraTrainer", TypeNames(assembly));
        Assert.DoesNotContain("Consumer.Models.Extra", TypeNames(assembly));
    }

    /// <summary>Full names of the types an assembly defines, read from its metadata without loading it.</summary>
    private static List<string> TypeNames(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var reader = new System.Reflection.PortableExecutable.PEReader(stream);
        System.Reflection.Metadata.MetadataReader metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(reader);
        return metadata.TypeDefinitions.Select(handle => metadata.GetTypeDefinition(handle))
            .Select(type => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name)).ToList();
    }

    [Fact]
    public void Template_project_builds_trains_reloads_and_reports_shape_errors_at_the_right_line()
    {
        string hive = Path.Combine(_feed.Root, "template-hive");
        string app = Path.Combine(_feed.Root, "FromTemplate");
        ProcessRunner.Run("dotnet", ["new", "install", Path.Combine(RepositoryPaths.Root, "templates", "modeldsl-app"), "--debug:custom-hive", hive]);
        ProcessResult created = ProcessRunner.Run("dotnet",
            ["new", "modeldsl-app", "-n", "FromTemplate", "-o", app, "--modelDslVersion", _feed.Version, "--debug:custom-hive", hive]);
        Assert.True(created.ExitCode == 0, created.Combined);
        // The package source as docs/getting-started.md sets it up: a nuget.config of the project's own.
        _feed.ShieldFromRepositoryBuildFiles(app);
        Dotnet(app, "new", "nugetconfig");
        Dotnet(app, "nuget", "add", "source", _feed.Feed, "-n", "modeldsl-local", "--configfile", "nuget.config");

        Assert.Contains("runs/", File.ReadAllLines(Path.Combine(app, ".gitignore")));

        Dotnet(app, "build", "-c", "Release");
        ProcessResult first = Dotnet(app, "run", "-c", "Release", "--no-build", "--", "3");
        Assert.Contains("Total params: 129", first.StandardOutput);
        Assert.Contains("after 3 epoch(s): predictions identical", first.StandardOutput);
        Assert.Contains("YAML model TrendModel:", first.StandardOutput);
        // A second, shorter run reloads its own checkpoint, not the first run's newer-numbered epoch-0003.
        ProcessResult second = Dotnet(app, "run", "-c", "Release", "--no-build", "--", "1");
        Assert.Contains($"{Path.Combine("version_1", "checkpoints", "epoch-0001")} after 1 epoch(s): predictions identical", second.StandardOutput);
        Assert.Equal("version_1", File.ReadAllText(Path.Combine(app, "runs", "risk", "latest-version")).Trim());

        // A Dense layer cannot follow a 2-D convolution output without Flatten: a compile error at that attribute.
        string model = Path.Combine(app, "RiskModel.cs");
        string source = File.ReadAllText(model);
        File.WriteAllText(model, source.Replace("[Model(6)]", "[Model(1, 6, 6)]\n[Conv2D(4)]"));
        int line = File.ReadAllLines(model).ToList().FindIndex(l => l.StartsWith("[Dense(16")) + 1;
        ProcessResult broken = ProcessRunner.Run("dotnet", ["build", "-c", "Release"], app);
        Assert.NotEqual(0, broken.ExitCode);
        Assert.Contains($"RiskModel.cs({line},2): error MDSL0020", broken.StandardOutput);
        Assert.Contains("add [Flatten]", broken.StandardOutput);
        // One mistake is one error line (MSBuild prints each error again in its summary): the template's Program uses the
        // model and its trainer, and the stub of the broken model keeps those uses from adding CS0103/CS0246 errors.
        string[] errors = broken.StandardOutput.Split('\n').Select(l => l.Trim()).Where(l => l.Contains(": error ")).Distinct().ToArray();
        Assert.True(errors.Length == 1, "expected only the MDSL0020 error:\n" + string.Join("\n", errors));
    }

    [Fact]
    public void Package_carries_the_generator_its_yaml_parser_and_the_code_fixes_as_analyzers_and_links_the_project()
    {
        string package = Directory.GetFiles(_feed.Feed, $"ModelDsl.{_feed.Version}.nupkg").Single();
        using ZipArchive zip = ZipFile.OpenRead(package);
        var analyzers = zip.Entries.Select(e => e.FullName).Where(n => n.StartsWith("analyzers/", StringComparison.Ordinal)).Order(StringComparer.Ordinal);
        Assert.Equal(["analyzers/dotnet/cs/ModelDsl.CodeFixes.dll", "analyzers/dotnet/cs/ModelDsl.Generator.dll", "analyzers/dotnet/cs/YamlDotNet.dll"], analyzers);

        using Stream nuspec = zip.Entries.Single(e => e.FullName == "ModelDsl.nuspec").Open();
        XElement metadata = XDocument.Load(nuspec).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
        Assert.Equal(ModelDsl.Generator.Diagnostics.RepositoryUrl, metadata.Elements().Single(e => e.Name.LocalName == "projectUrl").Value);
    }

    private static void AssertOnlyGlibcxxWeakened(string library)
    {
        Assert.True(File.Exists(library), $"missing {library}");
        var original = NativeLibraryPatchTests.ReadVersionNeeds(NativeLibraryPatchTests.OriginalLibrary);
        var patched = NativeLibraryPatchTests.ReadVersionNeeds(library);
        foreach (var (name, flags) in original)
            Assert.Equal(name.EndsWith("/GLIBCXX_3.4.32", StringComparison.Ordinal) ? "WEAK" : flags, patched[name]);
    }

    internal static ProcessResult Dotnet(string workingDirectory, params string[] arguments)
    {
        ProcessResult result = ProcessRunner.Run("dotnet", arguments, workingDirectory);
        Assert.True(result.ExitCode == 0, $"dotnet {string.Join(' ', arguments)} failed:\n{result.Combined}");
        Assert.DoesNotContain("warning", result.StandardOutput.Replace("0 Warning(s)", ""), StringComparison.OrdinalIgnoreCase);
        return result;
    }

    /// <summary>Packs the Runtime (with the generator inside) once per test class under a unique version.</summary>
    public sealed class PackedFeed : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("modeldsl-pack-").FullName;
        public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        public string Feed => Path.Combine(Root, "feed");

        public PackedFeed()
        {
            ProcessResult pack = ProcessRunner.Run("dotnet",
                ["pack", Path.Combine(RepositoryPaths.Root, "Runtime", "ModelDsl.Runtime.csproj"), "-c", "Release", "-o", Feed, $"-p:Version={Version}"]);
            if (pack.ExitCode != 0)
                throw new InvalidOperationException("dotnet pack failed:\n" + pack.Combined);
        }

        /// <summary>A console project outside the repository with one PackageReference to ModelDsl.</summary>
        public string CreateConsoleApp(string name, string program, string? extraItems = null)
        {
            string app = Path.Combine(Root, name);
            Directory.CreateDirectory(app);
            WriteNuGetConfig(app);
            File.WriteAllText(Path.Combine(app, $"{name}.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                    <NoWarn>NU1603</NoWarn>
                  </PropertyGroup>
                  <ItemGroup>
                    <PackageReference Include="ModelDsl" Version="{Version}" />
                  </ItemGroup>
                  {extraItems}
                </Project>
                """);
            File.WriteAllText(Path.Combine(app, "Program.cs"), program);
            return app;
        }

        /// <summary>Restores from the local feed first, then the normal source; shields from the repository's build files.</summary>
        public void WriteNuGetConfig(string app)
        {
            File.WriteAllText(Path.Combine(app, "nuget.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="local" value="{Feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                </configuration>
                """);
            ShieldFromRepositoryBuildFiles(app);
        }

        /// <summary>Empty Directory.* build files, so none from a folder above the app applies to it.</summary>
        public void ShieldFromRepositoryBuildFiles(string app)
        {
            File.WriteAllText(Path.Combine(app, "Directory.Build.props"), "<Project />");
            File.WriteAllText(Path.Combine(app, "Directory.Build.targets"), "<Project />");
            File.WriteAllText(Path.Combine(app, "Directory.Packages.props"), "<Project />");
        }

        public void Dispose()
        {
            try { Directory.Delete(Root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
