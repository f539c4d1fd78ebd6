using Microsoft.Extensions.Options;

namespace AiMaas.Core.PredictionLog;

[OptionsValidator]
public sealed partial class PredictionLogOptionsValidator : IValidateOptions<PredictionLogOptions>;
