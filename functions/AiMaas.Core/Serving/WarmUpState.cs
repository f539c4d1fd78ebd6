using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

/// <summary>Whether the server is ready for inference: always, unless <see cref="ServingOptions.WarmUpOnStart"/> is on and the warm-up has not finished.</summary>
public sealed class WarmUpState(IOptions<ServingOptions> options)
{
    private volatile bool _warmedUp;

    public bool IsReady => _warmedUp || !options.Value.WarmUpOnStart;

    public void MarkWarmedUp() => _warmedUp = true;
}
