using System.Reflection;
using TorchSharp;

namespace ModelDsl.Benchmarks.Micro;

/// <summary>
/// The baseline for <see cref="FeaturizerBenchmarks"/>: the generated featurizer's columns and statistics, but reading each
/// property through reflection at run time.
/// </summary>
internal sealed class ReflectionFeaturizer(Data.TabularFeaturizer<Models.Data.LoanApplication> generated)
{
    private readonly PropertyInfo[] _properties = typeof(Models.Data.LoanApplication).GetProperties();

    public torch.Tensor ToTensor(IReadOnlyList<Models.Data.LoanApplication> records)
    {
        int width = generated.Width;
        var values = new float[records.Count * width];
        for (int r = 0; r < records.Count; r++)
        {
            int column = 0, scaled = 0;
            foreach (PropertyInfo property in _properties)
            {
                object value = property.GetValue(records[r])!;
                int at = r * width + column;
                switch (value)
                {
                    case bool flag:
                        values[at] = flag ? 1 : 0;
                        column++;
                        break;
                    case Enum member:
                        Array members = Enum.GetValues(member.GetType());
                        values[at + Array.IndexOf(members, member)] = 1;
                        column += members.Length;
                        break;
                    default:
                        values[at] = generated.Scaling.Standardize(scaled++, Convert.ToDouble(value));
                        column++;
                        break;
                }
            }
        }
        return torch.tensor(values, [records.Count, width]);
    }
}
