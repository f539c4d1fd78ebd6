namespace AiMaas.Core.Explanations;

/// <summary>The <c>method</c> an explanation reports.</summary>
public static class ExplanationMethods
{
    /// <summary>Exact linear SHAP: weight × (value − training mean) in the model's feature space.</summary>
    public const string Linear = "linear";

    /// <summary>Exact interventional TreeSHAP over a background sample of training feature vectors.</summary>
    public const string TreeShap = "treeShap";

    /// <summary>A sampling estimate (permutations of the input columns against background rows); still additive.</summary>
    public const string Approximate = "approximate";
}
