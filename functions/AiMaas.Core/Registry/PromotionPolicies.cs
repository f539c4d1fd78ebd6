namespace AiMaas.Core.Registry;

/// <summary>The one way requests name a <see cref="PromotionPolicy"/>, for training and upload alike.</summary>
public static class PromotionPolicies
{
    /// <summary><c>if-better</c> (also <c>ifBetter</c>), <c>always</c> or <c>never</c>, in any case; null for anything else.</summary>
    public static PromotionPolicy? Parse(string? value) =>
        value?.Replace("-", "", StringComparison.Ordinal).ToUpperInvariant() switch
        {
            "IFBETTER" => PromotionPolicy.IfBetter,
            "ALWAYS" => PromotionPolicy.Always,
            "NEVER" => PromotionPolicy.Never,
            _ => null,
        };
}
