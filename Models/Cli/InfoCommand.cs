using System.CommandLine;
using System.Diagnostics;
using ModelDsl.Devices;
using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Models.Cli;

/// <summary><c>info</c>: versions, the device that would be used, and a one-second CPU training check.</summary>
internal static class InfoCommand
{
    public static Command Create()
    {
        var device = new Option<string>("--device") { Description = "auto, cpu, cuda or cuda:N", DefaultValueFactory = _ => DeviceSelector.Auto };
        var command = new Command("info", "Print versions, the chosen device, and run a one-second CPU training check.") { device };
        command.SetAction(parse => Run(parse.GetValue(device)));
        return command;
    }

    private static int Run(string? deviceRequest)
    {
        RuntimeVersions versions;
        try
        {
            versions = RuntimeVersions.Current();
        }
        catch (InvalidOperationException ex)
        {
            // libtorch did not load (a wrong MODELDSL_LIBTORCH_DIR, a missing native library): the message says which.
            Console.Error.WriteLine($"error: {ex.Message}");
            return 1;
        }
        Console.WriteLine($"ModelDsl    {versions.ModelDsl}");
        Console.WriteLine($"TorchSharp  {versions.TorchSharp}");
        Console.WriteLine($"libtorch    {versions.LibTorch}{(TorchNative.ExternalLibTorchDirectory is { } dir ? $" (from {dir})" : "")}");
        Console.WriteLine($"CUDA        {(torch.cuda.is_available() ? $"{torch.cuda.device_count()} device(s)" : "not available")}");

        Device chosen;
        try
        {
            chosen = DeviceSelector.Resolve(deviceRequest);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return 2;
        }
        Console.WriteLine($"device      {chosen}");

        (int steps, float first, float last) = TrainForOneSecond();
        bool learned = last < first;
        Console.WriteLine($"CPU check   {steps} steps in 1 s, loss {first:F4} -> {last:F4} ({(learned ? "ok" : "FAILED: loss did not go down")})");
        return learned ? 0 : 1;
    }

    /// <summary>Fits a tiny regression on CPU for about a second and reports the first and last loss.</summary>
    private static (int Steps, float First, float Last) TrainForOneSecond()
    {
        torch.manual_seed(1);
        using var network = nn.Sequential(nn.Linear(8, 16), nn.ReLU(), nn.Linear(16, 1));
        using var optimizer = optim.Adam(network.parameters(), lr: 0.01);
        using Tensor inputs = torch.randn(256, 8);
        using Tensor targets = inputs.sum(1, keepdim: true);

        float first = float.NaN, last = float.NaN;
        int steps = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(1))
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss = nn.functional.mse_loss(network.call(inputs), targets);
            loss.backward();
            optimizer.step();
            last = loss.item<float>();
            if (steps++ == 0)
                first = last;
        }
        return (steps, first, last);
    }
}
