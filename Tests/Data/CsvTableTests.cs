using ModelDsl.Data;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Data;

/// <summary>Numbers read with a range: the value when inside, otherwise an error naming file, line, column and the range.</summary>
public sealed class CsvTableTests
{
    [Fact]
    public void A_number_outside_its_range_names_file_line_column_and_range()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("rows.csv", "age,rate\n40,2\n41,1.00E+01\n");
        CsvTable table = CsvTable.Read(path, ["age", "rate"]);

        Assert.Equal(2, table.Number(0, "rate", 1, 4));
        Assert.Equal(2, table.Number(0, "rate", 2, 2)); // both bounds are inside the range
        var error = Assert.Throws<InvalidDataException>(() => table.Number(1, "rate", 1, 4));
        Assert.Equal($"{path}:3: column 'rate' holds 1.00E+01; expected a number from 1 to 4.", error.Message);
    }
}
