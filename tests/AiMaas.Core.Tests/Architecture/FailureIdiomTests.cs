using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Architecture;

/// <summary>Expected failures are values; the core's one exception type only carries a Problem out of code that cannot return one.</summary>
[TestClass]
public sealed class FailureIdiomTests
{
    [TestMethod]
    public void Core_DeclaresOneExceptionType_TheProblemCarrier()
    {
        var exceptions = typeof(AiMaasOptions).Assembly.GetTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t))
            .Select(t => t.FullName)
            .ToArray();

        CollectionAssert.AreEquivalent(new[] { typeof(ProblemException).FullName }, exceptions);
    }

    [TestMethod]
    public void ProblemException_KeepsItsProblem_AndSaysItsDetail()
    {
        var problem = Problem.Invalid("The CSV has a header but no data rows.");

        var exception = new ProblemException(problem);

        Assert.AreSame(problem, exception.Problem);
        Assert.AreEqual(problem.Detail, exception.Message);
    }
}
