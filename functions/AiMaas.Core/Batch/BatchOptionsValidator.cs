using Microsoft.Extensions.Options;

namespace AiMaas.Core.Batch;

[OptionsValidator]
public sealed partial class BatchOptionsValidator : IValidateOptions<BatchOptions>;
