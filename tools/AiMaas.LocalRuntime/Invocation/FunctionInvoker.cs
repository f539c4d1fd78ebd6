using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.Extensions.DependencyInjection;

namespace AiMaas.LocalRuntime.Invocation;

/// <summary>
/// Calls a function method the way the isolated worker does: a new instance of its class per invocation,
/// created from the app's services, with arguments bound from the trigger.
/// </summary>
public sealed class FunctionInvoker
{
    private readonly MethodInfo _method;
    private readonly ObjectFactory? _factory;

    public FunctionInvoker(MethodInfo method)
    {
        _method = method;
        _factory = method.IsStatic ? null : ActivatorUtilities.CreateFactory(method.DeclaringType!, Type.EmptyTypes);
    }

    public async Task<object?> InvokeAsync(IServiceProvider services, object?[] arguments)
    {
        var instance = _factory?.Invoke(services, null);
        try
        {
            object? returned;
            try
            {
                returned = _method.Invoke(instance, arguments);
            }
            catch (TargetInvocationException ex) when (ex.InnerException is not null)
            {
                ExceptionDispatchInfo.Throw(ex.InnerException);
                throw;
            }

            if (returned is not Task task)
            {
                return returned;
            }

            await task.ConfigureAwait(false);
            return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
        }
        finally
        {
            switch (instance)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
