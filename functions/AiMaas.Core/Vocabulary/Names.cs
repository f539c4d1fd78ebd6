using System.Text.Json;

namespace AiMaas.Core.Vocabulary;

/// <summary>The camelCase names requests and responses use for enum members (<c>fastTree</c>, <c>lightGbm</c>, <c>multiclass</c>).</summary>
public static class Names
{
    public static string Of<T>(T value)
        where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
