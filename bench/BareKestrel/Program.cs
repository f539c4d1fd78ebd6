using System.Text.Json;
using AiMaas.Bench.BareKestrel;

// Usage: BENCH_WEIGHTS=weights.json dotnet BareKestrel.dll --urls http://127.0.0.1:PORT
// POST /predict {"instances":[{"f0":..,"f9":..}]} -> {"predictions":[{"score":..}]}, the same linear arithmetic as the comparators.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.ConfigureHttpJsonOptions(options => options.SerializerOptions.TypeInfoResolverChain.Insert(0, BenchJsonContext.Default));

var weightsPath = Environment.GetEnvironmentVariable("BENCH_WEIGHTS")
    ?? throw new InvalidOperationException("Set BENCH_WEIGHTS to the weights.json written by bench/data.py fit.");
var model = JsonSerializer.Deserialize(File.ReadAllText(weightsPath), BenchJsonContext.Default.LinearWeights)
    ?? throw new InvalidOperationException($"{weightsPath} holds no weights.");
var linear = new LinearModel(model);

var app = builder.Build();
app.MapPost("/predict", (PredictRequest request) => TypedResults.Ok(linear.Predict(request)));
app.MapGet("/health", () => TypedResults.Ok());
app.Run();
