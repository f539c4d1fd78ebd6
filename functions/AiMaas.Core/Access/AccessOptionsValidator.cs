using Microsoft.Extensions.Options;

namespace AiMaas.Core.Access;

[OptionsValidator]
public sealed partial class AccessOptionsValidator : IValidateOptions<AccessOptions>;
