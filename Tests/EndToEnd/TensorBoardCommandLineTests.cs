using System.Globalization;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.EndToEnd;

/// <summary><c>train --tensorboard DIR</c> driven as a process, its event files parsed record by record.</summary>
public sealed class TensorBoardCommandLineTests
{
    [Fact]
    public void Train_with_tensorboard_writes_the_printed_epoch_values_and_the_batch_loss()
    {
        string folder = ModelsApp.TempFolder();
        string logs = Path.Combine(folder, "tb");
        ProcessResult train = ModelsApp.Succeed("train", "credit-mlp", "--epochs", "2", "--out", Path.Combine(folder, "runs"), "--tensorboard", logs, "--device", "cpu");
        Assert.Contains($"tensorboard --logdir {logs}", train.StandardOutput);

        // "epoch 1/2  loss 0.5123  val_loss 0.4987  val_roc_auc 0.8123 …": the figures the console shows, to 4 decimals.
        double Printed(int epoch, string name)
        {
            string[] words = train.StandardOutput.Split('\n').Single(l => l.StartsWith($"epoch {epoch}/2 ", StringComparison.Ordinal))
                .Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return double.Parse(words[Array.IndexOf(words, name) + 1], CultureInfo.InvariantCulture);
        }
        List<ScalarEvent> trained = TensorBoardEvents.ReadScalars(Path.Combine(logs, "train"));
        List<ScalarEvent> validated = TensorBoardEvents.ReadScalars(Path.Combine(logs, "validation"));
        foreach (int epoch in new[] { 1, 2 })
        {
            Assert.Equal(Printed(epoch, "loss"), trained.Single(e => e.Tag == "epoch_loss" && e.Step == epoch).Value, 4);
            Assert.Equal(Printed(epoch, "val_loss"), validated.Single(e => e.Tag == "epoch_loss" && e.Step == epoch).Value, 4);
            Assert.Equal(Printed(epoch, "val_roc_auc"), validated.Single(e => e.Tag == "epoch_roc_auc" && e.Step == epoch).Value, 4);
        }
        // 4,200 training applicants in batches of 64: 66 steps per epoch, so steps 50 and 100 of 132 carry a batch loss.
        Assert.Equal([50L, 100L], trained.Where(e => e.Tag == "batch_loss").Select(e => e.Step));
        Assert.All(trained.Where(e => e.Tag == "batch_loss"), e => Assert.InRange(e.Value, 0.0f, 5.0f));
    }
}
