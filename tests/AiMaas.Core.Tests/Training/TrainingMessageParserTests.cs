using System.Text;
using AiMaas.Core.Tests.Support;
using AiMaas.Core.Training;

namespace AiMaas.Core.Tests.Training;

[TestClass]
public sealed class TrainingMessageParserTests
{
    private const string FullJson =
        """{"model":"iris","dataset":"iris.csv","csv":"a,b\n1,2","label":"species","task":"multiclass","trainer":"fastTree","jobId":"job-1"}""";

    [TestMethod]
    public void Parse_PlainJson_ReadsEveryCamelCaseField()
    {
        var request = TrainingMessageParser.Parse(FullJson).Succeeded();

        Assert.AreEqual("iris", request.Model);
        Assert.AreEqual("iris.csv", request.Dataset);
        Assert.AreEqual("a,b\n1,2", request.Csv);
        Assert.AreEqual("species", request.Label);
        Assert.AreEqual("multiclass", request.Task);
        Assert.AreEqual("fastTree", request.Trainer);
        Assert.AreEqual("job-1", request.JobId);
    }

    [TestMethod]
    public void Parse_Base64EncodedJson_ReadsTheSameRequest()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(FullJson));

        var request = TrainingMessageParser.Parse(encoded).Succeeded();

        Assert.AreEqual(TrainingMessageParser.Parse(FullJson).Succeeded(), request);
    }

    [TestMethod]
    public void Parse_Base64OfNonAsciiJson_DecodesUtf8()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"model":"m","csv":"city\nZürich","label":"city"}"""));

        var request = TrainingMessageParser.Parse(encoded).Succeeded();

        Assert.AreEqual("city\nZürich", request.Csv);
    }

    [TestMethod]
    public void Parse_WhitespaceAroundJson_IsIgnored()
    {
        var request = TrainingMessageParser.Parse("\r\n  " + FullJson + " \n\t").Succeeded();

        Assert.AreEqual("iris", request.Model);
    }

    [TestMethod]
    public void Parse_WhitespaceAroundBase64_IsIgnored()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("  " + FullJson + "\n"));

        var request = TrainingMessageParser.Parse("\n " + encoded + " \r\n").Succeeded();

        Assert.AreEqual("species", request.Label);
    }

    [TestMethod]
    [DataRow("not a training request")]
    [DataRow("")]
    [DataRow("[1,2,3]")]
    [DataRow("null")]
    public void Parse_Garbage_FailsWithAProblem(string body)
    {
        var problem = TrainingMessageParser.Parse(body).Problem();

        Assert.Contains("neither JSON nor base64", problem.Detail);
    }

    [TestMethod]
    public void Parse_Base64OfNonJson_FailsWithAProblem()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("model=iris&label=species"));

        var problem = TrainingMessageParser.Parse(encoded).Problem();

        Assert.Contains("base64", problem.Detail);
    }

    [TestMethod]
    [DataRow("""{"model":"iris",""")]
    [DataRow("""{"model": 5}""")]
    public void Parse_MalformedOrMistypedJson_FailsWithAProblem(string body)
    {
        var problem = TrainingMessageParser.Parse(body).Problem();

        Assert.Contains("not a valid training request", problem.Detail);
    }

    [TestMethod]
    public void Parse_Base64OfMalformedJson_FailsWithAProblem()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"model":"""));

        Assert.IsNotNull(TrainingMessageParser.Parse(encoded).Problem);
    }

    [TestMethod]
    public void Parse_OmittedFields_AreNull()
    {
        var request = TrainingMessageParser.Parse("""{"model":"iris"}""").Succeeded();

        Assert.IsNull(request.Dataset);
        Assert.IsNull(request.Csv);
        Assert.IsNull(request.Label);
        Assert.IsNull(request.Task);
        Assert.IsNull(request.Trainer);
        Assert.IsNull(request.JobId);
    }
}
