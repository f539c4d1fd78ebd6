using Microsoft.Extensions.Options;

namespace AiMaas.Core.Serving;

[OptionsValidator]
public sealed partial class ServingOptionsValidator : IValidateOptions<ServingOptions>;
