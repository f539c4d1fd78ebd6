using AiMaas.Core.Storage;
using Azure;

namespace AiMaas.Core.Tests.Storage;

[TestClass]
public sealed class StorageOutageTests
{
    [TestMethod]
    [DataRow(0, true)]
    [DataRow(500, true)]
    [DataRow(503, true)]
    [DataRow(404, false)]
    [DataRow(409, false)]
    [DataRow(412, false)]
    public void Is_RequestFailed_TrueForConnectionFailuresAnd5xxOnly(int status, bool expected) =>
        Assert.AreEqual(expected, StorageOutage.Is(new RequestFailedException(status, "x")));

    [TestMethod]
    public void Is_ExhaustedRetries_TrueOnlyWhenEveryTryWasAnOutage()
    {
        Assert.IsTrue(StorageOutage.Is(new AggregateException(new RequestFailedException(0, "refused"), new RequestFailedException(503, "busy"))));
        Assert.IsFalse(StorageOutage.Is(new AggregateException(new RequestFailedException(0, "refused"), new InvalidOperationException())));
        Assert.IsFalse(StorageOutage.Is(new AggregateException()));
    }

    [TestMethod]
    public void Is_OtherExceptions_False() => Assert.IsFalse(StorageOutage.Is(new InvalidOperationException()));
}
