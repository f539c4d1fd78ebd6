namespace AiMaas.Core.Access;

public enum CallerKind
{
    Anonymous,
    HostKey,
    ApiKey,
    Principal,
}
