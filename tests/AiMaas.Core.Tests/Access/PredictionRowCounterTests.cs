using System.Text;
using AiMaas.Core.Access;

namespace AiMaas.Core.Tests.Access;

[TestClass]
public sealed class PredictionRowCounterTests
{
    [TestMethod]
    [DataRow("""{"instances":[{},{},{}]}""", 3)]
    [DataRow("""{"instances":[[1,2],[3,4]]}""", 2)]
    [DataRow("""{"inputs":[{"name":"a","shape":[7,1],"datatype":"FP32","data":[1,2,3,4,5,6,7]}]}""", 7)]
    [DataRow("""{"instances":[]}""", 1)]
    [DataRow("""{"inputs":[{"shape":["x"]}]}""", 1)]
    [DataRow("not json", 1)]
    [DataRow("[1,2,3]", 1)]
    public async Task CountAsync_Body_CountsRows(string body, int expected) =>
        Assert.AreEqual(expected, await PredictionRowCounter.CountAsync(new MemoryStream(Encoding.UTF8.GetBytes(body)), CancellationToken.None));
}
