namespace ModelDsl.Models.Declarations;

/// <summary>The seed CNN on Fashion-MNIST: the network Keras' tutorials use, with the same parameter count (54,410).</summary>
[Model(1, 28, 28)]
[Conv2D(32, Kernel = 3, Activation = Activation.ReLU)]
[MaxPool2D(2)]
[Flatten]
[Dense(10, Activation = Activation.Softmax)]
[Train(Optimizer = Optimizer.Adam, LearningRate = 1e-3, Loss = Loss.CrossEntropy, BatchSize = 32, Epochs = 10, Metrics = new[] { Metric.Accuracy })]
public partial class FashionCnn
{
}
