using System.Globalization;
using System.Text;
using AiMaas.Core.Datasets;
using AiMaas.Core.Tests.Support;
namespace AiMaas.Core.Tests;
[TestClass]
public sealed class Scratch
{
    [TestMethod]
    public void Probe()
    {
        var report = "";
        var imbalanced = new StringBuilder("x,rare\n");
        for (var i = 0; i < 40; i++)
        {
            imbalanced.Append(CultureInfo.InvariantCulture, $"{i},{(i % 10 == 0 ? "yes" : "no")}\n");
        }

        foreach (var (csv, label, fraction) in new[] { (TestData.Regression(rows: 12), "y", 0.05), (TestData.Binary(rows: 12), "bought", 0.05), (TestData.Multiclass(rows: 12), "species", 0.05), (imbalanced.ToString(), "rare", 0.2), (TestData.Binary(rows: 12), "bought", 0.2) })
        {
            try
            {
                var m = Models.CreateTrainer(o => o.TestFraction = fraction).Train(CsvTableReader.Read(csv), Models.Spec(label));
                report += $"\n{label}/{fraction}: {m.Split} [{string.Join(';', m.Metrics)}]";
            }
            catch (ArgumentOutOfRangeException ex)
            {
                report += $"\n{label}/{fraction}: {ex.GetType().Name} {ex.Message}";
            }
        }

        Assert.Fail(report);
    }
}
