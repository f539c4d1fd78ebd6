using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.StaticFiles;

namespace AiMaas.Functions.Http;

/// <summary>Serves the app's own static files (the API reference page, the dashboard) from <c>wwwroot</c> beside the app.</summary>
public static class StaticAssets
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "wwwroot");

    /// <summary>The file <paramref name="asset"/> under <c>wwwroot/<paramref name="area"/></c>, or 404; never a file outside it.</summary>
    public static IResult Serve(string area, string asset)
    {
        var folder = Path.GetFullPath(Path.Combine(Root, area)) + Path.DirectorySeparatorChar;
        var path = Path.GetFullPath(Path.Combine(folder, asset));
        if (!path.StartsWith(folder, StringComparison.Ordinal) || !File.Exists(path))
        {
            return TypedResults.Problem($"'{asset}' does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not Found");
        }

        return TypedResults.PhysicalFile(path, ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream");
    }

    /// <summary>A folder page must end with '/' so the relative links inside it resolve under it.</summary>
    public static IResult? RedirectToFolder(HttpRequest request, string? asset) =>
        string.IsNullOrEmpty(asset) && !request.Path.Value!.EndsWith('/')
            ? TypedResults.Redirect($"{request.PathBase}{request.Path}/{request.QueryString}")
            : null;
}
