using System.IO.Compression;
using System.Text;

namespace AiMaas.IntegrationTests;

/// <summary>
/// At least 200 requests an attacker or a broken client would send: numbers beyond float range, NaN/Infinity, deep and
/// duplicated JSON, huge strings, control characters and confusables in names, traversal and encoding tricks in route
/// names, CSV formula injection, zip bombs and zip-slip uploads, oversized headers, wrong content types, truncated bodies.
/// </summary>
internal static class HostileCorpus
{
    private const string Row = "\"sepal_length\":5.1,\"sepal_width\":3.5,\"petal_length\":1.4,\"petal_width\":0.2";

    public static IReadOnlyList<HostileCase> Build(string model)
    {
        var cases = new List<HostileCase>();
        var predictRoutes = new[]
        {
            $"api/models/{model}/predict",
            $"api/models/{model}/versions/1/predict",
            $"api/models/{model}/aliases/current/predict",
            $"v1/models/{model}:predict",
        };

        foreach (var route in predictRoutes)
        {
            foreach (var (name, body) in NumericBodies().Concat(StructureBodies()))
            {
                cases.Add(Json(ClassOf(name), $"{name} → {route}", HttpMethod.Post, route, body));
            }
        }

        foreach (var (name, body) in V2Bodies())
        {
            cases.Add(Json(ClassOf(name), $"{name} → v2 infer", HttpMethod.Post, $"v2/models/{model}/infer", body));
        }

        foreach (var (name, body) in StructureBodies().Concat(NumericBodies().Take(4)))
        {
            cases.Add(Json(ClassOf(name), $"{name} → train", HttpMethod.Post, $"api/models/{Names.Fresh}/train", body));
            cases.Add(Json(ClassOf(name), $"{name} → keys", HttpMethod.Post, "api/keys", body));
            cases.Add(Json(ClassOf(name), $"{name} → alias", HttpMethod.Put, $"api/models/{model}/aliases/hostile", body));
        }

        foreach (var name in HostileNames())
        {
            cases.Add(Send("names", $"model '{name}' → get", HttpMethod.Get, $"api/models/{name}"));
            cases.Add(Json("names", $"model '{name}' → predict", HttpMethod.Post, $"api/models/{name}/predict", $"{{\"instances\":[{{{Row}}}]}}"));
            cases.Add(Json("names", $"model '{name}' → train", HttpMethod.Post, $"api/models/{name}/train", """{"csv":"a,b\n1,2\n","label":"b"}"""));
            cases.Add(Json("names", $"alias '{name}' → set", HttpMethod.Put, $"api/models/{model}/aliases/{name}", """{"version":1}"""));
            cases.Add(Send("names", $"job '{name}' → get", HttpMethod.Get, $"api/jobs/{name}"));
            cases.Add(Csv("names", $"dataset '{name}' → put", $"api/datasets/hostile/{name}", "a,b\n1,2\n"));
            cases.Add(Send("names", $"dataset '{name}' → get", HttpMethod.Get, $"api/datasets/{name}"));
        }

        cases.Add(Json("names", "jobId with traversal in body → train", HttpMethod.Post, $"api/models/{Names.Fresh}/train", """{"csv":"a,b\n1,2\n","label":"b","jobId":"../../models/x"}"""));
        cases.Add(Json("names", "dataset with traversal in body → train", HttpMethod.Post, $"api/models/{Names.Fresh}/train", """{"dataset":"../models/iris/1/model.zip","label":"b"}"""));
        cases.Add(Json("names", "control characters in a key name", HttpMethod.Post, "api/keys", "{\"name\":\"a\\u0000\\u202e\",\"scopes\":[\"predict:*\"]}"));
        cases.Add(Json("names", "confusable model in a scope", HttpMethod.Post, "api/keys", "{\"name\":\"x\",\"scopes\":[\"predict:\\u0456ris\"]}"));

        foreach (var (name, csv) in FormulaCsvs())
        {
            cases.Add(Csv("csv-injection", name, $"api/datasets/hostile/{Names.Fresh}.csv", csv));
        }

        foreach (var (name, zip) in HostileZips())
        {
            cases.Add(Zip("zip", $"{name} (raw body)", $"api/models/{Names.Fresh}/versions", zip, multipart: false));
            cases.Add(Zip("zip", $"{name} (multipart)", $"api/models/{Names.Fresh}/versions", zip, multipart: true));
        }

        foreach (var size in new[] { 16 * 1024, 64 * 1024, 200 * 1024 })
        {
            cases.Add(new HostileCase("headers", $"{size} byte header", () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"api/models/{model}");
                request.Headers.TryAddWithoutValidation("x-junk", new string('a', size));
                return request;
            }));
            cases.Add(new HostileCase("headers", $"{size} byte x-api-key", () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, $"api/models/{model}");
                request.Headers.TryAddWithoutValidation("x-api-key", "amk_" + new string('a', size));
                return request;
            }));
        }

        cases.Add(new HostileCase("headers", "many headers", () =>
        {
            var request = new HttpRequestMessage(HttpMethod.Get, $"api/models/{model}");
            for (var i = 0; i < 500; i++)
            {
                request.Headers.TryAddWithoutValidation($"x-h{i}", "v");
            }

            return request;
        }));
        cases.Add(Send("headers", "garbage client principal", HttpMethod.Get, $"api/models/{model}", ("x-ms-client-principal", "!!!not base64")));
        cases.Add(Send("headers", "bearer of junk", HttpMethod.Get, $"api/models/{model}", ("Authorization", "Bearer amk_zzzzzzzzzzzz_" + new string('z', 50))));

        foreach (var type in new[] { "text/csv", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded", "text/plain; charset=utf-16", "application/json; charset=ebcdic" })
        {
            foreach (var route in predictRoutes.Take(2).Append($"v2/models/{model}/infer").Append($"api/models/{Names.Fresh}/train").Append("api/keys"))
            {
                cases.Add(new HostileCase("content-type", $"{type} → {route}", () => new HttpRequestMessage(HttpMethod.Post, route)
                {
                    Content = Bytes(Encoding.UTF8.GetBytes($"{{\"instances\":[{{{Row}}}]}}"), type),
                }));
            }

            cases.Add(new HostileCase("content-type", $"{type} → dataset", () => new HttpRequestMessage(HttpMethod.Put, $"api/datasets/hostile/{Names.Fresh}.csv")
            {
                Content = Bytes("{\"a\":1}"u8.ToArray(), type),
            }));
        }

        return cases;
    }

    private static IEnumerable<(string Name, string Body)> NumericBodies()
    {
        foreach (var value in new[] { "1e39", "-1e39", "3.5e38", "1e308", "1e309", "-1e400", "1e-400", "123456789012345678901234567890" })
        {
            yield return ($"float {value}", $"{{\"instances\":[{{\"sepal_length\":{value},\"sepal_width\":3.5,\"petal_length\":1.4,\"petal_width\":0.2}}]}}");
        }

        foreach (var literal in new[] { "NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "nan", "inf" })
        {
            yield return ($"literal {literal}", $"{{\"instances\":[{{\"sepal_length\":{literal},\"sepal_width\":3.5,\"petal_length\":1.4,\"petal_width\":0.2}}]}}");
        }
    }

    private static IEnumerable<(string Name, string Body)> StructureBodies()
    {
        yield return ("nesting 64", Nest(64));
        yield return ("nesting 100000", Nest(100_000));
        yield return ("nesting objects 5000", string.Concat(Enumerable.Repeat("{\"a\":", 5000)) + "1" + new string('}', 5000));
        yield return ("duplicate keys", $"{{\"instances\":[{{{Row}}}],\"instances\":[{{{Row}}}]}}");
        yield return ("duplicate features", $"{{\"instances\":[{{{Row},\"sepal_length\":\"x\"}}]}}");
        yield return ("huge string 4 MB", $"{{\"instances\":[{{{Row},\"extra\":\"{new string('x', 4 * 1024 * 1024)}\"}}]}}");
        yield return ("huge key 1 MB", $"{{\"{new string('k', 1024 * 1024)}\":1}}");
        yield return ("truncated", $"{{\"instances\":[{{{Row}");
        yield return ("truncated string", "{\"instances\":[{\"sepal_length\":\"abc");
        yield return ("empty", "");
        yield return ("null", "null");
        yield return ("array", "[]");
        yield return ("number", "42");
        yield return ("instances null", "{\"instances\":null}");
        yield return ("instances object", "{\"instances\":{}}");
        yield return ("instances of null", "{\"instances\":[null,null]}");
        yield return ("instances of arrays", "{\"instances\":[[1,2,3,4]]}");
        yield return ("bom and nul", "\uFEFF{\"instances\":[\u0000]}");
        yield return ("lone surrogate", "{\"instances\":[{\"sepal_length\":\"\\ud800\"}]}");
        yield return ("100000 empty instances", "{\"instances\":[" + string.Join(',', Enumerable.Repeat("{}", 100_000)) + "]}");
    }

    private static IEnumerable<(string Name, string Body)> V2Bodies()
    {
        yield return ("v2 shape overflow", "{\"inputs\":[{\"name\":\"sepal_length\",\"shape\":[2147483647,2147483647],\"datatype\":\"FP32\",\"data\":[1]}]}");
        yield return ("v2 negative shape", "{\"inputs\":[{\"name\":\"sepal_length\",\"shape\":[-1],\"datatype\":\"FP32\",\"data\":[1]}]}");
        yield return ("v2 shape mismatch", "{\"inputs\":[{\"name\":\"sepal_length\",\"shape\":[3],\"datatype\":\"FP32\",\"data\":[1]}]}");
        yield return ("v2 float overflow", "{\"inputs\":[{\"name\":\"sepal_length\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1e39]}]}");
        yield return ("v2 NaN literal", "{\"inputs\":[{\"name\":\"sepal_length\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[NaN]}]}");
        yield return ("v2 unknown datatype", "{\"inputs\":[{\"name\":\"sepal_length\",\"shape\":[1],\"datatype\":\"FP1024\",\"data\":[1]}]}");
        yield return ("v2 nested data", "{\"inputs\":[{\"name\":\"sepal_length\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":" + Nest(50_000) + "}]}");
        yield return ("v2 duplicate inputs", "{\"inputs\":[{\"name\":\"a\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]},{\"name\":\"a\",\"shape\":[1],\"datatype\":\"FP32\",\"data\":[1]}]}");
        foreach (var (name, body) in StructureBodies().Take(8))
        {
            yield return ($"v2 {name}", body);
        }
    }

    private static IEnumerable<string> HostileNames() =>
    [
        "..", "%2e%2e", "..%2f..%2fjobs", "%2e%2e%2f%2e%2e%2fmodels", "%252e%252e%252f", "..%5c..%5cwindows", "a%00b", "%00",
        "%e2%80%aeevil", "%d0%b0pple", "%ef%bd%81bc", "%c0%ae%c0%ae", "con", "a%20b", "%0d%0aSet-Cookie:x", new string('a', 300),
        "x%3A%2Fetc%2Fpasswd", "~root", "%7B%7D", "a;b", "*",
    ];

    private static IEnumerable<(string Name, string Csv)> FormulaCsvs()
    {
        yield return ("formula cells", "a,b\n=cmd|' /C calc'!A0,1\n+SUM(1),2\n-2+3,3\n@SUM(1),4\n");
        yield return ("formula header", "=HYPERLINK(\"http://x\"),b\n1,2\n3,4\n");
        yield return ("tab and cr prefixes", "a,b\n\t=1,1\n\r=2,2\n");
        yield return ("unbalanced quotes", "a,b\n\"unterminated,1\n");
        yield return ("nul bytes", "a,b\n1\u0000,2\n");
        yield return ("100000 columns", string.Join(',', Enumerable.Range(0, 100_000).Select(i => $"c{i}")) + "\n" + string.Join(',', Enumerable.Repeat("1", 100_000)) + "\n");
        yield return ("huge cell", "a,b\n" + new string('x', 2 * 1024 * 1024) + ",1\n");
        yield return ("only header", "a,b\n");
        yield return ("binary", "\u0089PNG\r\n\u001a\n\u0000\u0000");
    }

    private static IEnumerable<(string Name, byte[] Zip)> HostileZips()
    {
        yield return ("zip-slip ../", ZipOf(("../../evil.txt", "x"u8.ToArray())));
        yield return ("zip-slip absolute", ZipOf(("/etc/evil", "x"u8.ToArray())));
        yield return ("zip-slip backslash", ZipOf(("..\\..\\evil.txt", "x"u8.ToArray())));
        yield return ("zip bomb", ZipOf(("bomb.bin", new byte[8 * 1024 * 1024])));
        yield return ("many entries", ZipOf(Enumerable.Range(0, 5000).Select(i => ($"e{i}", new byte[1])).ToArray()));
        yield return ("not a zip", "PK\u0003\u0004 not really"u8.ToArray());
        yield return ("empty", []);
        yield return ("truncated zip", ZipOf(("a.txt", new byte[1000]))[..40]);
    }

    private static byte[] ZipOf(params (string Name, byte[] Content)[] entries)
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

    private static string Nest(int depth) => "{\"instances\":" + new string('[', depth) + new string(']', depth) + "}";

    private static string ClassOf(string name) => name switch
    {
        _ when name.StartsWith("float", StringComparison.Ordinal) || name.Contains("overflow", StringComparison.Ordinal) => "float-range",
        _ when name.StartsWith("literal", StringComparison.Ordinal) || name.Contains("NaN", StringComparison.Ordinal) => "nan-infinity",
        _ when name.Contains("nest", StringComparison.Ordinal) => "deep-nesting",
        _ when name.Contains("duplicate", StringComparison.Ordinal) => "duplicate-keys",
        _ when name.Contains("huge", StringComparison.Ordinal) || name.Contains("100000", StringComparison.Ordinal) => "huge-input",
        _ when name.Contains("truncated", StringComparison.Ordinal) => "truncated",
        _ => "malformed",
    };

    private static HostileCase Json(string cls, string description, HttpMethod method, string route, string body) =>
        new(cls, description, () => new HttpRequestMessage(method, route) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

    private static HostileCase Csv(string cls, string description, string route, string csv) =>
        new(cls, description, () => new HttpRequestMessage(HttpMethod.Put, route) { Content = new StringContent(csv, Encoding.UTF8, "text/csv") });

    private static HostileCase Send(string cls, string description, HttpMethod method, string route, params (string Name, string Value)[] headers) =>
        new(cls, description, () =>
        {
            var request = new HttpRequestMessage(method, route);
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return request;
        });

    private static HostileCase Zip(string cls, string description, string route, byte[] zip, bool multipart) =>
        new(cls, description, () =>
        {
            HttpContent content = Bytes(zip, "application/zip");
            if (multipart)
            {
                var form = new MultipartFormDataContent { { content, "model", "model.zip" } };
                content = form;
            }

            return new HttpRequestMessage(HttpMethod.Post, route) { Content = content };
        });

    private static ByteArrayContent Bytes(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.TryAddWithoutValidation("Content-Type", type);
        return content;
    }

    /// <summary>Fresh model or dataset names, so that what the corpus creates never collides with other tests.</summary>
    private static class Names
    {
        private static int s_next;

        public static string Fresh => $"hostile-{Interlocked.Increment(ref s_next)}-{Guid.NewGuid().ToString("N")[..6]}";
    }
}
