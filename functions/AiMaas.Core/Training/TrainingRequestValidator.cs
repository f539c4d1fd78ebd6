using System.Text;
using System.Text.Json;
using AiMaas.Core.Evaluation;
using AiMaas.Core.Registry;
using AiMaas.Core.Training.Trainers;
using AiMaas.Core.Training.Tuning;

namespace AiMaas.Core.Training;

/// <summary>Checks every field of a training request and names each one that is wrong.</summary>
public static class TrainingRequestValidator
{
    /// <summary>The trainer name that searches trainers and their options instead of naming one.</summary>
    public const string Auto = "auto";

    public static Result<TrainingSpec> Validate(TrainingRequest request, int maxInlineCsvBytes)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];

        Identifiers.CheckModelName(request.Model).AddTo(errors);

        if (string.IsNullOrWhiteSpace(request.Label))
        {
            Add("label", "the name of the label column is required");
        }

        var hasDataset = !string.IsNullOrWhiteSpace(request.Dataset);
        var hasCsv = !string.IsNullOrEmpty(request.Csv);
        if (hasDataset == hasCsv)
        {
            Add("dataset", "give exactly one of 'dataset' (a blob name in the datasets container) or 'csv' (a small inline CSV)");
        }
        else if (hasDataset)
        {
            DatasetNames.Check(request.Dataset).AddTo(errors);
        }
        else if (hasCsv && Encoding.UTF8.GetByteCount(request.Csv!) > maxInlineCsvBytes)
        {
            Add("csv", $"inline CSV is limited to {maxInlineCsvBytes} bytes; upload larger data to the datasets container and name it in 'dataset'");
        }

        TaskKind? task = null;
        if (request.Task is not null)
        {
            if (ParseName<TaskKind>(request.Task) is { } parsed)
            {
                task = parsed;
            }
            else
            {
                Add("task", "expected 'regression', 'binary' or 'multiclass' (or leave it out to infer it from the label column)");
            }
        }

        var trainer = TrainerKind.Linear;
        var auto = string.Equals(request.Trainer, Auto, StringComparison.OrdinalIgnoreCase);
        if (request.Trainer is not null && !auto)
        {
            if (ParseName<TrainerKind>(request.Trainer) is { } parsedTrainer)
            {
                trainer = parsedTrainer;
            }
            else
            {
                Add("trainer", $"expected one of {string.Join(", ", TrainerCatalog.All.Select(r => $"'{Names.Of(r.Kind)}'"))} ('linear' is the default), or 'auto' to search them");
            }
        }

        if (task is { } known && !auto && !errors.ContainsKey("trainer") && !TrainerCatalog.Supports(trainer, known))
        {
            Add("trainer", TrainerCatalog.Unsupported(trainer, known).Errors!["trainer"][0]);
        }

        var options = TrainerOptions.None;
        if (auto && request.Options is { ValueKind: not JsonValueKind.Null })
        {
            Add("options", "'auto' chooses the options itself; name a trainer to set them, or set 'tuning' ({\"trials\", \"timeBudgetSeconds\", \"folds\"})");
        }
        else if (request.Options is { } given && !errors.ContainsKey("trainer"))
        {
            var parsedOptions = ParseOptions(given, TrainerCatalog.Get(trainer), errors);
            options = parsedOptions ?? options;
        }

        TuningSpec? tuning = null;
        if (auto)
        {
            tuning = ParseTuning(request.Tuning, errors);
        }
        else if (request.Tuning is { ValueKind: not JsonValueKind.Null })
        {
            Add("tuning", "only used with \"trainer\": \"auto\"");
        }

        var promote = PromotionPolicy.IfBetter;
        if (request.Promote is not null)
        {
            if (PromotionPolicies.Parse(request.Promote) is { } parsedPromote)
            {
                promote = parsedPromote;
            }
            else
            {
                Add("promote", "expected 'if-better' (default), 'always' or 'never'");
            }
        }

        var allMetrics = Enum.GetValues<TaskKind>().SelectMany(TaskMetrics.For).ToHashSet(StringComparer.Ordinal);
        if (request.PromotionMetric is not null && !allMetrics.Contains(request.PromotionMetric))
        {
            Add("promotionMetric", $"expected one of {string.Join(", ", allMetrics.Order(StringComparer.Ordinal))}");
        }

        if (request.JobId is not null)
        {
            Identifiers.CheckJobId(request.JobId).AddTo(errors);
        }

        if (errors.Count > 0)
        {
            return Problem.Invalid(errors);
        }

        return new TrainingSpec(request.Model!, hasDataset ? request.Dataset : null, hasCsv ? request.Csv : null, request.Label!, task, trainer, request.JobId)
        {
            Promote = promote,
            PromotionMetric = request.PromotionMetric,
            Options = options,
            Tuning = tuning,
        };
    }

    /// <summary>Reads <c>tuning</c>: optional trials, time budget and folds, each within its range.</summary>
    private static TuningSpec? ParseTuning(JsonElement? given, Dictionary<string, string[]> errors)
    {
        var spec = new TuningSpec();
        if (given is not { ValueKind: not JsonValueKind.Null } value)
        {
            return spec;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors["tuning"] = ["expected an object {\"trials\": 1-200, \"timeBudgetSeconds\": 10-86400, \"folds\": 2-10}"];
            return null;
        }

        int? Read(string name, int minimum, int maximum)
        {
            if (!value.TryGetProperty(name, out var property))
            {
                return null;
            }

            if (property.ValueKind == JsonValueKind.Number && property.TryGetInt32(out var number) && number >= minimum && number <= maximum)
            {
                return number;
            }

            errors[$"tuning.{name}"] = [$"expected an integer from {minimum} to {maximum}"];
            return null;
        }

        foreach (var unknown in value.EnumerateObject().Where(p => p.Name is not ("trials" or "timeBudgetSeconds" or "folds")))
        {
            errors[$"tuning.{unknown.Name}"] = ["unknown; expected trials, timeBudgetSeconds or folds"];
        }

        return new TuningSpec(
            Read("trials", 1, 200) ?? spec.Trials,
            Read("timeBudgetSeconds", 10, 86_400) ?? spec.TimeBudgetSeconds,
            Read("folds", 2, 10) ?? spec.Folds);
    }

    /// <summary>Reads <c>options</c>: an object of numbers, each an option the trainer declares and within its range.</summary>
    private static TrainerOptions? ParseOptions(JsonElement given, TrainerRecipe recipe, Dictionary<string, string[]> errors)
    {
        if (given.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (given.ValueKind != JsonValueKind.Object)
        {
            errors["options"] = ["expected an object of trainer options, e.g. {\"l2Regularization\": 0.1}"];
            return null;
        }

        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var property in given.EnumerateObject())
        {
            var field = $"options.{property.Name}";
            var option = recipe.Options.FirstOrDefault(o => o.Name == property.Name);
            if (option is null)
            {
                errors[field] = [$"'{Names.Of(recipe.Kind)}' has no option '{property.Name}'; its options are {string.Join(", ", recipe.Options.Select(o => o.Name))}"];
            }
            else if (property.Value.ValueKind != JsonValueKind.Number || !property.Value.TryGetDouble(out var value))
            {
                errors[field] = [$"expected {option.Range}, got {property.Value.ValueKind.ToString().ToLowerInvariant()}"];
            }
            else if (option.Check(value) is { } rangeError)
            {
                errors[field] = [rangeError];
            }
            else
            {
                values[property.Name] = value;
            }
        }

        return new TrainerOptions(values);
    }

    /// <summary>Only a member's own name: Enum.TryParse would also take numbers and comma-separated lists.</summary>
    private static T? ParseName<T>(string value)
        where T : struct, Enum =>
        Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, value, StringComparison.OrdinalIgnoreCase)) is { } name
            ? Enum.Parse<T>(name)
            : null;
}
