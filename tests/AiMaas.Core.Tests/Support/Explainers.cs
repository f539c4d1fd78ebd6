using AiMaas.Core.Data;
using AiMaas.Core.Explanations;
using AiMaas.Core.Serving.Scoring;
using AiMaas.Core.Training;
using Microsoft.ML;

namespace AiMaas.Core.Tests.Support;

/// <summary>Builds a trained model's explainers the way serving does, without storage: from its stored zip and its training rows.</summary>
internal static class Explainers
{
    public static (ModelExplainer Explainer, FeatureSpace Space, ITransformer Transformer, DataViewSchema Schema) Exact(TrainedModel model)
    {
        var (transformer, schema) = ModelServing.Load(model);
        var space = FeatureSpace.TryRead(transformer, schema);
        Assert.IsNotNull(space, "the platform's pipeline is a featurizer followed by one predictor");
        var background = BackgroundSampler.Create(space, model.TrainingRows!, space.SlotNames, seed: 42);
        var exact = ExplainerFactory.TryCreate(space.Parameters, background, space.GroupOfSlot, space.Columns.Count);
        Assert.IsNotNull(exact, $"no exact explainer for {space.Parameters.GetType().Name}");
        return (new ModelExplainer(space, exact, model.Task, model.Classes), space, transformer, schema);
    }

    public static ExplanationBackground Background(TrainedModel model, FeatureSpace space) =>
        BackgroundSampler.Create(space, model.TrainingRows!, space.SlotNames, seed: 42);

    public static ModelExplainer Sampling(TrainedModel model, TabularDataView background)
    {
        var (transformer, schema) = ModelServing.Load(model);
        var scorer = new ModelScorer(transformer, schema, ModelServing.Manifest(model), parallelThreshold: int.MaxValue);
        return new ModelExplainer(new SamplingExplainer(scorer, background, model.Task, model.Classes?.Count ?? 0), model.Task, model.Classes);
    }
}
