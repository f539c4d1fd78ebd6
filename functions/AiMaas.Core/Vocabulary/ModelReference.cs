namespace AiMaas.Core.Vocabulary;

/// <summary>Which version of a model a request means: a version number, or an alias (<c>current</c> when neither is given).</summary>
public sealed record ModelReference(string Model, int? Version = null, string? Alias = null)
{
    public string EffectiveAlias => Alias ?? AliasNames.Current;

    public string Describe() => Version is { } version ? $"version {version} of model '{Model}'" : $"alias '{EffectiveAlias}' of model '{Model}'";
}
