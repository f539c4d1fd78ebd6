namespace AiMaas.LocalRuntime.Discovery;

public enum TriggerKind
{
    Http,
    Queue,
}
