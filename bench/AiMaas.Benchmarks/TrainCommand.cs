using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using AiMaas.Core;
using AiMaas.Core.Drift;
using AiMaas.Core.Training;
using AiMaas.Core.Training.Sources;
using AiMaas.Core.Training.Trainers;
using AiMaas.Core.Training.Tuning;
using AiMaas.Core.Vocabulary;
using Microsoft.Extensions.Options;
using Microsoft.ML;

namespace AiMaas.Benchmarks;

/// <summary>
/// The AiMaas side of bench/train.sh: trains one trainer on a CSV file the way a dataset job does (streamed through
/// <see cref="FileTrainingSource"/>, then <see cref="ModelTrainer"/>), and reports the wall time, the process's peak
/// resident memory (VmHWM) and the hold-out metric as JSON; writes the hold-out row numbers so that scikit-learn is
/// evaluated on exactly the same rows.
/// Usage: train --data d.csv --label y --task binary --trainer linear [--options numberOfLeaves=64,featureFraction=0.5]
///        [--trials 20 --budget 600 --folds 5] [--split test.txt] --out r.json
/// </summary>
internal static class TrainCommand
{
    public static int Run(string[] args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            options[args[i].TrimStart('-')] = args[i + 1];
        }

        var task = Enum.Parse<TaskKind>(options["task"], ignoreCase: true);
        var trainerName = options["trainer"];
        var auto = trainerName == "auto";
        var spec = new TrainingSpec("bench", Dataset: Path.GetFileName(options["data"]), Csv: null, options["label"], task,
            auto ? TrainerKind.Linear : Enum.Parse<TrainerKind>(trainerName, ignoreCase: true), JobId: null)
        {
            Options = new TrainerOptions(options.GetValueOrDefault("options", "")
                .Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(o => o.Split('='))
                .ToDictionary(o => o[0], o => double.Parse(o[1], CultureInfo.InvariantCulture), StringComparer.Ordinal)),
            Tuning = auto
                ? new TuningSpec(
                    int.Parse(options.GetValueOrDefault("trials", "20"), CultureInfo.InvariantCulture),
                    int.Parse(options.GetValueOrDefault("budget", "600"), CultureInfo.InvariantCulture),
                    int.Parse(options.GetValueOrDefault("folds", "5"), CultureInfo.InvariantCulture))
                : null,
        };
        var trainer = new ModelTrainer(Options.Create(new AiMaasOptions { TrainingQueue = "bench" }), TimeProvider.System);

        var clock = Stopwatch.StartNew();
        var stages = new StageClock();
        using var source = new FileTrainingSource(options["data"], ownsFile: false);
        var trained = trainer.Train(source, spec, stages);
        if (trained.Failed(out var problem))
        {
            Console.Error.WriteLine(problem.Detail);
            return 1;
        }

        var model = trained.Value;
        var seconds = clock.Elapsed.TotalSeconds;
        var stageSeconds = stages.Stop();

        // What a dataset job computes after the hold-out metric, timed apart from the side-by-side wall time: the drift
        // statistics (a pass over the file) and the explanation background (a pass over the training rows).
        var after = Stopwatch.StartNew();
        _ = FeatureStatisticsCalculator.Compute(source.Profile.Headers, source.ReadRows(), model.Features);
        var statisticsSeconds = after.Elapsed.TotalSeconds;
        after.Restart();
        _ = ExplanationRecorder.CreateBackground(model);
        var backgroundSeconds = after.Elapsed.TotalSeconds;

        if (options.TryGetValue("split", out var splitPath))
        {
            WriteHoldOutRows(model.HoldOut!.Rows, splitPath);
        }

        var metric = task == TaskKind.Binary ? "auc" : "rSquared";
        var result = new Dictionary<string, object?>
        {
            ["implementation"] = "AiMaas",
            ["trainer"] = trainerName,
            ["chosen"] = model.Trainer.Name,
            ["options"] = model.Trainer.Options,
            ["seconds"] = Math.Round(seconds, 2),
            ["peakRssMb"] = PeakRssMegabytes(),
            ["metric"] = metric,
            ["value"] = model.Metrics[metric],
            ["trainRows"] = model.Split.TrainRows,
            ["testRows"] = model.Split.TestRows,
            ["stages"] = stageSeconds,
            ["budgetSeconds"] = spec.Tuning?.TimeBudgetSeconds,
            ["tuning"] = model.Tuning,
            ["afterTraining"] = new Dictionary<string, double>
            {
                ["driftStatistics"] = Math.Round(statisticsSeconds, 2),
                ["explanationBackground"] = Math.Round(backgroundSeconds, 2),
            },
        };
        File.WriteAllText(options["out"], JsonSerializer.Serialize(result));
        Console.WriteLine(JsonSerializer.Serialize(result));
        return 0;
    }

    private static void WriteHoldOutRows(IDataView rows, string path)
    {
        // ColumnNames.Row, internal to the core: the labelled row number the split is keyed on.
        var column = rows.Schema["__aimaas_row__"];
        using var cursor = rows.GetRowCursor([column]);
        var getter = cursor.GetGetter<double>(column);
        using var writer = new StreamWriter(path);
        double row = 0;
        while (cursor.MoveNext())
        {
            getter(ref row);
            writer.WriteLine(((long)row).ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>The kernel's high-water mark of this process's resident set, in MB.</summary>
    private static double PeakRssMegabytes()
    {
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return Math.Round(long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0, 1);
    }
}
