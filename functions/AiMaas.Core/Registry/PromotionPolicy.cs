using System.Text.Json.Serialization;

namespace AiMaas.Core.Registry;

/// <summary>Whether a freshly trained version becomes the model's <c>current</c> version.</summary>
public enum PromotionPolicy
{
    /// <summary>Only if it beats the current version on the same held-out rows (the default).</summary>
    [JsonStringEnumMemberName("if-better")]
    IfBetter,

    Always,

    Never,
}
