using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AiMaas.Core.Vocabulary;

namespace AiMaas.IntegrationTests;

/// <summary>A model trained elsewhere is registered only if it loads, has an input schema and stays within the size limits.</summary>
[TestClass]
public sealed class UploadTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Upload_MultipartWithMetadata_BecomesAServableVersion()
    {
        var token = TestContext.CancellationToken;
        var zip = await TrainedZipAsync(token);
        var model = Platform.UniqueName("upload");

        var (status, manifest) = await UploadAsync(model, zip, """{"label":"species","promote":"always","trainer":"notebook"}""");

        Assert.AreEqual(HttpStatusCode.Created, status, manifest.ToString());
        Assert.AreEqual(1, manifest.GetProperty("version").GetInt32());
        Assert.AreEqual("upload", manifest.GetProperty("source").GetString());
        Assert.AreEqual("multiclass", manifest.GetProperty("task").GetString());
        Assert.AreEqual(4, manifest.GetProperty("features").GetArrayLength());
        Assert.AreEqual("notebook", manifest.GetProperty("trainer").GetProperty("name").GetString());
        var (predictStatus, prediction) = await Api.PostAsync($"api/models/{model}/predict", $$"""{"instances":[{{SampleData.IrisInstance}}]}""", token);
        Assert.AreEqual(HttpStatusCode.OK, predictStatus, prediction.ToString());
        Assert.AreEqual("setosa", prediction.GetProperty("predictions")[0].GetProperty("label").GetString());
    }

    [TestMethod]
    public async Task Upload_RawZipBody_FirstVersionBecomesCurrentLaterOnesDoNot()
    {
        var token = TestContext.CancellationToken;
        var zip = await TrainedZipAsync(token);
        var model = Platform.UniqueName("upload");
        using var content = new ByteArrayContent(zip);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");

        using var response = await Platform.Client.PostAsync(new Uri($"api/models/{model}/versions", UriKind.Relative), content, token);

        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync(token));
        Assert.AreEqual($"/api/models/{model}/versions/1", response.Headers.Location?.OriginalString);
        var (_, details) = await Api.GetAsync($"api/models/{model}", token);
        Assert.AreEqual(1, details.GetProperty("currentVersion").GetInt32(), "a first version is promoted, as a trained one is");

        // A later upload brings no hold-out rows to compare on, so it does not move current unless asked to.
        using var again = new ByteArrayContent(zip);
        again.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        using var second = await Platform.Client.PostAsync(new Uri($"api/models/{model}/versions", UriKind.Relative), again, token);
        Assert.AreEqual(HttpStatusCode.Created, second.StatusCode, await second.Content.ReadAsStringAsync(token));
        var (_, after) = await Api.GetAsync($"api/models/{model}", token);
        Assert.AreEqual(1, after.GetProperty("currentVersion").GetInt32(), after.ToString());
    }

    [TestMethod]
    public async Task Upload_NotAZip_Returns400()
    {
        var (status, problem) = await UploadAsync(Platform.UniqueName("upload"), "not a zip"u8.ToArray(), null);

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "zip");
    }

    [TestMethod]
    public async Task Upload_ZipThatIsNotAModel_Returns400()
    {
        var (status, problem) = await UploadAsync(Platform.UniqueName("upload"), Zip(("readme.txt", "hello"u8.ToArray())), null);

        Assert.AreEqual(HttpStatusCode.BadRequest, status);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "ML.NET model");
    }

    [TestMethod]
    public async Task Upload_OverTheSizeLimit_Returns413()
    {
        var (status, _) = await UploadAsync(Platform.UniqueName("upload"), new byte[2 * 1024 * 1024], null);

        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, status);
    }

    [TestMethod]
    public async Task Upload_ZipThatExpandsBeyondTheLimit_Returns413()
    {
        var bomb = Zip(("zeros.bin", new byte[8 * 1024 * 1024]));

        var (status, problem) = await UploadAsync(Platform.UniqueName("upload"), bomb, null);

        Assert.IsTrue(bomb.Length < 1024 * 1024, "the test zip must itself be under the upload limit");
        Assert.AreEqual(HttpStatusCode.RequestEntityTooLarge, status);
        StringAssert.Contains(problem.GetProperty("detail").GetString(), "expands");
    }

    private async Task<(HttpStatusCode Status, JsonElement Body)> UploadAsync(string model, byte[] zip, string? metadata)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(zip);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "model", "model.zip");
        if (metadata is not null)
        {
            form.Add(new StringContent(metadata, System.Text.Encoding.UTF8, "application/json"), "metadata");
        }

        using var response = await Platform.Client.PostAsync(new Uri($"api/models/{model}/versions", UriKind.Relative), form, TestContext.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private static async Task<byte[]> TrainedZipAsync(CancellationToken token)
    {
        var source = Platform.UniqueName("export");
        var job = await Api.TrainIrisAsync(source, token);
        Assert.AreEqual(JobStatus.Succeeded, job.Status, job.Error);
        var download = await Platform.Container("models").GetBlobClient($"{source}/1/model.zip").DownloadContentAsync(token);
        return download.Value.Content.ToArray();
    }

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = archive.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                stream.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
