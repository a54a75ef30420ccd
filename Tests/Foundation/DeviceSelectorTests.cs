using ModelDsl.Devices;
using TorchSharp;

namespace ModelDsl.Tests.Foundation;

public sealed class DeviceSelectorTests
{
    [Theory]
    [InlineData("auto", 0, DeviceType.CPU, -1)]
    [InlineData("auto", 2, DeviceType.CUDA, 0)]
    [InlineData("cpu", 2, DeviceType.CPU, -1)]
    [InlineData("cuda", 1, DeviceType.CUDA, 0)]
    [InlineData("cuda:1", 2, DeviceType.CUDA, 1)]
    public void Resolves_requests(string request, int cudaDevices, DeviceType type, int index)
    {
        TorchNative.EnsureLoaded();
        var device = DeviceSelector.Resolve(request, cudaDevices);
        Assert.Equal(type, device.type);
        Assert.Equal(index, device.index);
    }

    [Theory]
    [InlineData("cuda", 0, "CUDA is not available")]
    [InlineData("cuda:0", 0, "CUDA is not available")]
    [InlineData("cuda:3", 2, "only 2 CUDA device(s) are visible")]
    public void Cuda_requested_but_absent_is_a_clear_error(string request, int cudaDevices, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DeviceSelector.Resolve(request, cudaDevices));
        Assert.Contains(expected, error.Message);
        Assert.Contains(request, error.Message);
    }

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:x")]
    [InlineData("cuda:-1")]
    public void Unknown_requests_name_the_accepted_forms(string request)
    {
        var error = Assert.Throws<ArgumentException>(() => DeviceSelector.Resolve(request, 0));
        Assert.Contains(request, error.Message);
    }

    [Fact]
    public void Public_resolve_on_this_machine_matches_cuda_availability()
    {
        var device = DeviceSelector.Resolve(null);
        Assert.Equal(torch.cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU, device.type);
    }
}
