using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;
namespace AiMaas.Core.Tests;
[TestClass]
public sealed class Scratch
{
    [TestMethod]
    public void Probe()
    {
        var report = "";
        var lines = TestData.Regression(rows: 30).TrimEnd('\n').Split('\n');
        for (var i = 4; i < lines.Length; i++)
        {
            lines[i] = lines[i][..(lines[i].LastIndexOf(',') + 1)];
        }
        try
        {
            var m = Models.Train(string.Join('\n', lines), "y");
            report += $"\nfew labels: trained {m.Split} {string.Join(';', m.Metrics)}";
        }
        catch (Exception ex)
        {
            report += $"\nfew labels: {ex.GetType().Name}: {ex.Message}";
        }

        var ft = Models.Train(TestData.Binary(), "bought", trainer: TrainerKind.FastTree);
        var p = ModelServing.Predict(ft, """{"instances":[{"x1":0.95,"x2":0.9,"segment":"retail"},{"x1":0.05,"x2":0.1,"segment":"business"}]}""");
        report += $"\nft binary: {string.Join(';', p)} {string.Join(';', ft.Metrics)}";
        var ftr = Models.Train(TestData.Regression(), "y", trainer: TrainerKind.FastTree);
        report += $"\nft reg: {string.Join(';', ModelServing.Predict(ftr, """{"instances":[{"a":5,"b":1,"color":"red"}]}"""))}";
        Assert.Fail(report);
    }
}
