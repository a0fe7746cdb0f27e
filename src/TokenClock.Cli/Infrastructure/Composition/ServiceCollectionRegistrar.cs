using Microsoft.Extensions.DependencyInjection;
using Spectre.Console.Cli;

namespace TokenClock.Cli.Infrastructure.Composition;

/// <summary>Spectre's type registrar over Microsoft.Extensions.DependencyInjection: commands get the consoles and
/// registries through their constructors.</summary>
public sealed class ServiceCollectionRegistrar(IServiceCollection services) : ITypeRegistrar
{
    private readonly IServiceCollection _services = services ?? throw new ArgumentNullException(nameof(services));

    public void Register(Type service, Type implementation) => _services.AddSingleton(service, implementation);

    public void RegisterInstance(Type service, object implementation) => _services.AddSingleton(service, implementation);

    public void RegisterLazy(Type service, Func<object> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _services.AddSingleton(service, _ => factory());
    }

    public ITypeResolver Build() => new ServiceProviderResolver(_services.BuildServiceProvider());
}
