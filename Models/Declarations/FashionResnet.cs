namespace ModelDsl.Models.Declarations;

/// <summary>
/// A small residual CNN on Fashion-MNIST: a stem, then two stages of a ResNet basic block (two 3×3 same-padded
/// convolutions with batch norm, added to the block's input), each stage halving the resolution with a max pool, the second
/// widening to 32 channels with a projection convolution first.
/// </summary>
[Model(1, 28, 28)]
[Conv2D(16, Kernel = 3, Padding = Padding.Same, UseBias = false, Name = "stem")]
[BatchNorm(Name = "stem_bn")]
[Activation(Activation.ReLU, Name = "stem_out")]
// stage 1, 28×28×16
[Conv2D(16, Kernel = 3, Padding = Padding.Same, UseBias = false, Name = "block1_conv1")]
[BatchNorm(Name = "block1_bn1")]
[Activation(Activation.ReLU, Name = "block1_relu1")]
[Conv2D(16, Kernel = 3, Padding = Padding.Same, UseBias = false, Name = "block1_conv2")]
[BatchNorm(Name = "block1_bn2")]
[Add(Inputs = new[] { "block1_bn2", "stem_out" }, Name = "block1_sum")]
[Activation(Activation.ReLU, Name = "block1_out")]
[MaxPool2D(2, Name = "pool1")]
// stage 2, 14×14×32: the projection widens the channels so the shortcut and the block add up
[Conv2D(32, Kernel = 1, UseBias = false, Name = "project")]
[BatchNorm(Name = "project_bn")]
[Conv2D(32, Kernel = 3, Padding = Padding.Same, UseBias = false, Name = "block2_conv1")]
[BatchNorm(Name = "block2_bn1")]
[Activation(Activation.ReLU, Name = "block2_relu1")]
[Conv2D(32, Kernel = 3, Padding = Padding.Same, UseBias = false, Name = "block2_conv2")]
[BatchNorm(Name = "block2_bn2")]
[Add(Inputs = new[] { "block2_bn2", "project_bn" }, Name = "block2_sum")]
[Activation(Activation.ReLU, Name = "block2_out")]
[MaxPool2D(2, Name = "pool2")]
[Flatten]
[Dropout(0.3)]
[Dense(10, Activation = Activation.Softmax, Name = "classes")]
[Train(Optimizer = Optimizer.AdamW, LearningRate = 3e-3, WeightDecay = 1e-4, Schedule = LearningRateSchedule.OneCycle, Loss = Loss.CrossEntropy,
    BatchSize = 128, Epochs = 10, Metrics = new[] { Metric.Accuracy }, Monitor = "val_accuracy", RestoreBestWeights = true)]
public partial class FashionResnet
{
}
