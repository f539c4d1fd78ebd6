using AiMaas.Core.Access;
using Microsoft.AspNetCore.Http;

namespace AiMaas.Functions.Access;

public static class CallerHttpContextExtensions
{
    private static readonly object Key = new();

    /// <summary>The caller the gate let through; anonymous functions have none.</summary>
    public static Caller GetCaller(this HttpContext http) => http.Items.TryGetValue(Key, out var caller) && caller is Caller found ? found : Caller.Anonymous;

    internal static void SetCaller(this HttpContext http, Caller caller) => http.Items[Key] = caller;
}
