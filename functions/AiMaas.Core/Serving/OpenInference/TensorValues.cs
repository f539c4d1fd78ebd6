using System.Text;
using System.Text.Json;

namespace AiMaas.Core.Serving.OpenInference;

/// <summary>Walks a tensor's <c>data</c> array value by value; the protocol allows it flat or nested in the shape, both row-major.</summary>
internal static class TensorValues
{
    /// <summary>A reader positioned on the data array's opening bracket.</summary>
    public static Utf8JsonReader Open(ReadOnlyMemory<byte> json)
    {
        var reader = new Utf8JsonReader(json.Span);
        reader.Read();
        return reader;
    }

    /// <summary>Moves to the next value that is not an array; false past the outer array's end.</summary>
    public static bool Next(ref Utf8JsonReader reader, ref int depth)
    {
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartArray:
                    depth++;
                    continue;
                case JsonTokenType.EndArray:
                    if (--depth == 0)
                    {
                        return false;
                    }

                    continue;
                default:
                    return true;
            }
        }

        return false;
    }

    /// <summary>The current value as it was sent, shortened, for a message.</summary>
    public static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => Truncate($"\"{reader.GetString()}\""),
        JsonTokenType.StartObject => "an object",
        _ => Truncate(Encoding.UTF8.GetString(reader.ValueSpan)),
    };

    public static string Truncate(string text) => text.Length > 40 ? text[..40] + "…" : text;
}
