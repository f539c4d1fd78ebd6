using System.Globalization;
using System.Text;

namespace AiMaas.Core.PredictionLog;

/// <summary>A validated read of the log: the time window, page size and the position after the previous page.</summary>
public sealed record PredictionLogQuery(string Model, DateTimeOffset From, DateTimeOffset To, int Limit, (DateTimeOffset Time, string Id)? After)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(31);

    public static Result<PredictionLogQuery> Parse(string model, string? from, string? to, string? limit, string? continuationToken, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        Identifiers.CheckModelName(model).AddTo(errors);

        var end = ParseTime(to, "to", errors) ?? now;
        var start = ParseTime(from, "from", errors) ?? end - DefaultWindow;
        if (start > end)
        {
            errors["from"] = ["expected a time before 'to'"];
        }
        else if (end - start > MaxWindow)
        {
            errors["from"] = [$"the window from 'from' to 'to' is at most {MaxWindow.TotalDays} days"];
        }

        var size = DefaultLimit;
        if (limit is not null && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxLimit))
        {
            errors["limit"] = [$"expected an integer from 1 to {MaxLimit}"];
        }

        (DateTimeOffset, string)? after = null;
        if (continuationToken is not null)
        {
            after = DecodeToken(continuationToken);
            if (after is null)
            {
                errors["continuationToken"] = ["expected the continuationToken of a previous page"];
            }
        }

        return errors.Count > 0 ? Problem.Invalid(errors) : new PredictionLogQuery(model, start, end, size, after);
    }

    public static string EncodeToken(DateTimeOffset time, string id) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{time.UtcTicks}|{id}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static (DateTimeOffset, string)? DecodeToken(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            return bar > 0 && long.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTimeOffset.MaxValue.UtcTicks
                ? (new DateTimeOffset(ticks, TimeSpan.Zero), text[(bar + 1)..])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static DateTimeOffset? ParseTime(string? value, string field, Dictionary<string, string[]> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return time;
        }

        errors[field] = ["expected an ISO 8601 time, e.g. 2026-05-01T13:00:00Z"];
        return null;
    }
}
