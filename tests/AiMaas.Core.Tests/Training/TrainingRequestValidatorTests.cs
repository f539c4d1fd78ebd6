using System.Globalization;
using AiMaas.Core.Training;
using AiMaas.Core.Vocabulary;

namespace AiMaas.Core.Tests.Training;

[TestClass]
public sealed class TrainingRequestValidatorTests
{
    private const int CsvLimit = 100;

    private static readonly TrainingRequest Valid = new() { Model = "iris", Dataset = "iris.csv", Label = "species" };

    [TestMethod]
    public void Validate_DatasetRequest_ReturnsSpecWithDefaults()
    {
        var result = TrainingRequestValidator.Validate(Valid, CsvLimit);

        Assert.IsNull(result.Problem);
        Assert.AreEqual(new TrainingSpec("iris", "iris.csv", null, "species", null, TrainerKind.Linear, null), result.Value);
    }

    [TestMethod]
    public void Validate_InlineCsvRequestWithEveryField_ReturnsSpec()
    {
        var request = new TrainingRequest
        {
            Model = "houses_v2.1",
            Csv = "a,y\n1,2",
            Label = "y",
            Task = "Regression",
            Trainer = "fastTree",
            JobId = "job_42-a",
        };

        var result = TrainingRequestValidator.Validate(request, CsvLimit);

        Assert.IsNull(result.Problem);
        Assert.AreEqual(new TrainingSpec("houses_v2.1", null, "a,y\n1,2", "y", TaskKind.Regression, TrainerKind.FastTree, "job_42-a"), result.Value);
    }

    [TestMethod]
    [DataRow("regression", TaskKind.Regression)]
    [DataRow("BINARY", TaskKind.Binary)]
    [DataRow("multiclass", TaskKind.Multiclass)]
    public void Validate_KnownTask_IsParsedIgnoringCase(string task, TaskKind expected)
    {
        var result = TrainingRequestValidator.Validate(Valid with { Task = task }, CsvLimit);

        Assert.AreEqual(expected, result.Value!.Task);
    }

    [TestMethod]
    [DataRow("linear", TrainerKind.Linear)]
    [DataRow("FastTree", TrainerKind.FastTree)]
    public void Validate_KnownTrainer_IsParsedIgnoringCase(string trainer, TrainerKind expected)
    {
        var result = TrainingRequestValidator.Validate(Valid with { Trainer = trainer }, CsvLimit);

        Assert.AreEqual(expected, result.Value!.Trainer);
    }

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("-iris")]
    [DataRow(".iris")]
    [DataRow("iris/v2")]
    [DataRow("iris model")]
    [DataRow("a123456789b123456789c123456789d123456789e123456789f123456789abcd")]
    public void Validate_BadModelName_NamesModel(string? model) =>
        AssertOnlyError(Valid with { Model = model }, "model", "letters, digits");

    [TestMethod]
    public void Validate_ModelNameOf63Characters_IsAccepted() =>
        Assert.IsNull(TrainingRequestValidator.Validate(Valid with { Model = new string('m', 63) }, CsvLimit).Problem);

    [TestMethod]
    [DataRow(null)]
    [DataRow("")]
    [DataRow("   ")]
    public void Validate_MissingLabel_NamesLabel(string? label) =>
        AssertOnlyError(Valid with { Label = label }, "label", "required");

    [TestMethod]
    public void Validate_BothDatasetAndCsv_NamesDataset() =>
        AssertOnlyError(Valid with { Csv = "a,b\n1,2" }, "dataset", "exactly one");

    [TestMethod]
    [DataRow(null, null)]
    [DataRow(" ", "")]
    public void Validate_NeitherDatasetNorCsv_NamesDataset(string? dataset, string? csv) =>
        AssertOnlyError(Valid with { Dataset = dataset, Csv = csv }, "dataset", "exactly one");

    [TestMethod]
    [DataRow("../secrets.csv")]
    [DataRow("a//b.csv")]
    [DataRow("a\\b.csv")]
    public void Validate_BadDatasetName_NamesDataset(string dataset) =>
        AssertOnlyError(Valid with { Dataset = dataset }, "dataset", "segments");

    [TestMethod]
    public void Validate_InlineCsvOverLimit_NamesCsvAndLimit()
    {
        // 'é' is two bytes in UTF-8: the limit is in bytes, not characters.
        var csv = "a\n" + new string('é', CsvLimit / 2);

        AssertOnlyError(Valid with { Dataset = null, Csv = csv }, "csv", CsvLimit.ToString(CultureInfo.InvariantCulture));
    }

    [TestMethod]
    public void Validate_InlineCsvAtLimit_IsAccepted()
    {
        var csv = "a\n" + new string('1', CsvLimit - 2);

        Assert.IsNull(TrainingRequestValidator.Validate(Valid with { Dataset = null, Csv = csv }, CsvLimit).Problem);
    }

    [TestMethod]
    [DataRow("classification")]
    [DataRow("")]
    [DataRow("7")]
    public void Validate_UnknownTask_NamesTask(string task) =>
        AssertOnlyError(Valid with { Task = task }, "task", "'regression', 'binary' or 'multiclass'");

    [TestMethod]
    [DataRow("1")]
    [DataRow("regression,binary")]
    public void Validate_TaskGivenAsNumberOrList_NamesTask(string task) =>
        AssertOnlyError(Valid with { Task = task }, "task", "'regression', 'binary' or 'multiclass'");

    [TestMethod]
    [DataRow("xgboost")]
    [DataRow("")]
    public void Validate_UnknownTrainer_NamesTrainer(string trainer) =>
        AssertOnlyError(Valid with { Trainer = trainer }, "trainer", "'linear'");

    [TestMethod]
    public void Validate_TrainerGivenAsNumber_NamesTrainer() =>
        AssertOnlyError(Valid with { Trainer = "1" }, "trainer", "'linear'");

    [TestMethod]
    [DataRow("")]
    [DataRow("job 1")]
    [DataRow("job/1")]
    [DataRow("a123456789b123456789c123456789d123456789e123456789f123456789abcde")]
    public void Validate_BadJobId_NamesJobId(string jobId) =>
        AssertOnlyError(Valid with { JobId = jobId }, "jobId", "job id");

    [TestMethod]
    public void Validate_SeveralBadFields_NamesEachOne()
    {
        var request = new TrainingRequest { Model = "-", Task = "clustering", Trainer = "xgboost", JobId = "no spaces" };

        var problem = TrainingRequestValidator.Validate(request, CsvLimit).Problem;

        Assert.IsNotNull(problem);
        Assert.AreEqual(ProblemKind.Invalid, problem.Kind);
        CollectionAssert.AreEquivalent(new[] { "model", "label", "dataset", "task", "trainer", "jobId" }, problem.Errors!.Keys.ToArray());
        Assert.Contains("model:", problem.Detail);
        Assert.Contains("jobId:", problem.Detail);
    }

    private static void AssertOnlyError(TrainingRequest request, string field, string messagePart)
    {
        var result = TrainingRequestValidator.Validate(request, CsvLimit);

        Assert.IsNull(result.Value);
        Assert.IsNotNull(result.Problem);
        Assert.AreEqual(ProblemKind.Invalid, result.Problem.Kind);
        Assert.IsNotNull(result.Problem.Errors);
        CollectionAssert.AreEqual(new[] { field }, result.Problem.Errors.Keys.ToArray());
        Assert.Contains(messagePart, result.Problem.Errors[field].Single());
    }
}
