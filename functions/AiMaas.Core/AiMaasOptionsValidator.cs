using Microsoft.Extensions.Options;

namespace AiMaas.Core;

[OptionsValidator]
public sealed partial class AiMaasOptionsValidator : IValidateOptions<AiMaasOptions>;
