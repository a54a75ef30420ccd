using TorchSharp;
using static TorchSharp.torch;

namespace ModelDsl.Tests.Foundation;

/// <summary>TorchSharp loads in this process (through the patched native library) and learns on CPU.</summary>
public sealed class TorchTrainingTests
{
    [Fact]
    public void Tiny_network_loss_goes_down_on_cpu()
    {
        ModelDsl.Devices.TorchNative.EnsureLoaded();
        torch.manual_seed(7);
        using var network = nn.Sequential(nn.Linear(4, 8), nn.Tanh(), nn.Linear(8, 1));
        using var optimizer = optim.SGD(network.parameters(), 0.05);
        using Tensor x = torch.randn(64, 4);
        using Tensor y = (x * torch.tensor(new float[] { 1, -2, 0.5f, 3 })).sum(1, keepdim: true);

        var losses = new List<float>();
        for (int step = 0; step < 50; step++)
        {
            using var scope = torch.NewDisposeScope();
            optimizer.zero_grad();
            Tensor loss = nn.functional.mse_loss(network.call(x), y);
            loss.backward();
            optimizer.step();
            losses.Add(loss.item<float>());
        }

        Assert.Equal(DeviceType.CPU, network.parameters().First().device_type);
        Assert.True(losses[^1] < losses[0] * 0.5f, $"loss went from {losses[0]} to {losses[^1]}");
    }
}
