using ModelDsl.Data;
using ModelDsl.Tests.Support;

namespace ModelDsl.Tests.Data;

/// <summary>Numbers read with a range, and files that cannot be tables: each an error naming file, line and column.</summary>
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

    [Theory]
    [InlineData("1e308")]
    [InlineData("-4e38")]
    [InlineData("Infinity")]
    public void A_number_a_float_cannot_hold_is_refused_when_read_naming_file_line_and_column(string value)
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("rows.csv", $"age,income\n40,3.4e38\n41,{value}\n");
        CsvTable table = CsvTable.Read(path, ["age", "income"]);

        Assert.Equal(3.4e38, table.Number(0, "income")); // just inside the float range
        var error = Assert.Throws<InvalidDataException>(() => table.Number(1, "income"));
        Assert.Equal($"{path}:3: column 'income' holds '{value}', which is too large: numbers must lie within ±3.4E+38 (32-bit floats, what the model computes in).", error.Message);
    }

    [Fact]
    public void A_column_named_twice_in_the_header_is_refused_naming_both_positions()
    {
        using var folder = new TemporaryFolder();
        string path = folder.Write("rows.csv", "Income,age,income\n1,2,3\n");
        var error = Assert.Throws<InvalidDataException>(() => CsvTable.Read(path, ["age"]));
        Assert.Equal($"{path}:1: column 'income' appears twice in the header (columns 1 and 3); every column needs its own name.", error.Message);
    }

    [Fact]
    public void A_row_longer_than_16_MB_names_its_line()
    {
        using var folder = new TemporaryFolder();
        string path = Path.Combine(folder.Path, "long.csv");
        using (var writer = new StreamWriter(path))
        {
            writer.Write("name,note\na,short\nb,\"");
            writer.Write(new string('x', CsvTable.MaxRowLength + 1));
            writer.Write("\"\n");
        }
        var error = Assert.Throws<InvalidDataException>(() => CsvTable.Read(path, ["name"]));
        Assert.StartsWith($"{path}:3: the row is longer than 16,777,216 characters (16 MB)", error.Message);
    }

    [Fact]
    public void A_folder_is_not_a_table()
    {
        using var folder = new TemporaryFolder();
        var error = Assert.Throws<InvalidDataException>(() => CsvTable.Read(folder.Path));
        Assert.Equal($"{folder.Path}: is a folder; a CSV file is expected.", error.Message);
    }

    [Fact]
    public void Header_only_and_empty_files_still_report_missing_columns()
    {
        using var folder = new TemporaryFolder();
        Assert.Equal(0, CsvTable.Read(folder.Write("header.csv", "a,b\n"), ["a"]).Count);
        var error = Assert.Throws<InvalidDataException>(() => CsvTable.Read(folder.Write("empty.csv", ""), ["a"]));
        Assert.Contains("missing column(s) 'a'", error.Message);
    }
}
