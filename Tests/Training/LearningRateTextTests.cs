using ModelDsl.Training;

namespace ModelDsl.Tests.Training;

/// <summary>Learning rates print as Python's %.3g (Keras/Lightning logs), not .NET's 4.89E-05.</summary>
public sealed class LearningRateTextTests
{
    [Theory]
    [InlineData(4.89e-5, "4.89e-05")]
    [InlineData(1e-3, "0.001")]
    [InlineData(3e-4, "0.0003")]
    [InlineData(1.2345e-4, "0.000123")]
    [InlineData(9.999e-5, "0.0001")]
    [InlineData(5e-7, "5e-07")]
    [InlineData(0.1, "0.1")]
    [InlineData(1.5, "1.5")]
    [InlineData(1234.0, "1.23e+03")]
    [InlineData(0.0, "0")]
    public void Three_significant_digits_fixed_between_1e_minus_4_and_1000_otherwise_scientific(double value, string expected) =>
        Assert.Equal(expected, LearningRateText.Format(value));

    [Fact]
    public void A_diverged_run_names_its_learning_rate_the_same_way() =>
        Assert.Contains("(learning rate 4.89e-05)", new TrainingDivergedException(2, 7, 4.89e-5).Message);
}
