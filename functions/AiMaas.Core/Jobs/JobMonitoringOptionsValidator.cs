using Microsoft.Extensions.Options;

namespace AiMaas.Core.Jobs;

[OptionsValidator]
public sealed partial class JobMonitoringOptionsValidator : IValidateOptions<JobMonitoringOptions>;
