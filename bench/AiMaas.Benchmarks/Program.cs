using AiMaas.Benchmarks;
using BenchmarkDotNet.Running;

// No arguments or BenchmarkDotNet arguments: the in-process suite (bench/inprocess.sh).
// "batch ...": the ML.NET side of bench/batch.sh.
// "onnx ..." / "onnx-model OUT.onnx": ONNX V2 infer against ONNX Runtime's Run (bench/onnx.sh), the MLP for bench/http.sh.
if (args.Length > 0 && args[0] == "batch")
{
    return BatchCommand.Run(args[1..]);
}

// "train ...": the AiMaas side of bench/train.sh.
if (args.Length > 0 && args[0] == "train")
{
    return TrainCommand.Run(args[1..]);
}

if (args.Length > 1 && args[0] == "onnx-model")
{
    return OnnxCommand.WriteModel(args[1]);
}

// "logging [--rounds N]": the prediction log's serialization and gzip per record, in process.
if (args.Length > 0 && args[0] == "logging")
{
    return LoggingCommand.Run(args[1..]);
}

if (args.Length > 0 && args[0] == "onnx")
{
    return OnnxCommand.Run(args[1..]);
}

var summaries = BenchmarkSwitcher.FromAssembly(typeof(ScoringBenchmarks).Assembly).Run(args);
return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
