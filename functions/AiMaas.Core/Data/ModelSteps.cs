using Microsoft.ML;

namespace AiMaas.Core.Data;

/// <summary>The transformers of a loaded or trained model in order, with nested chains opened up.</summary>
public static class ModelSteps
{
    public static IEnumerable<ITransformer> Flatten(ITransformer transformer) =>
        transformer is IEnumerable<ITransformer> chain ? chain.SelectMany(Flatten) : [transformer];
}
