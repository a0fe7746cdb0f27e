using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace TokenClock.Cli.Infrastructure.Composition;

/// <summary>Resolves Spectre's commands and settings from the built service provider; disposed with the app run.</summary>
internal sealed class ServiceProviderResolver(ServiceProvider provider) : ITypeResolver, IDisposable
{
    public object? Resolve(Type? type) => type is null ? null : provider.GetService(type);

    public void Dispose() => provider.Dispose();
}
