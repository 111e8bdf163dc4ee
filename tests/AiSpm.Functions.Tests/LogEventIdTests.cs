using System.Reflection;
using Microsoft.Extensions.Logging;

namespace AiSpm.Functions.Tests;

/// <summary>Every source-generated log message of the solution has its own event id, so an id names one message.</summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void Event_ids_are_unique_across_the_solution()
    {
        Assembly[] assemblies =
        [
            typeof(AiSpm.Core.Findings.Finding).Assembly,
            typeof(AiSpm.Connectors.Storage.StorageClients).Assembly,
            typeof(AiSpm.Emulator.EmulatorServer).Assembly,
            typeof(AiSpm.Application.Functions.AiSpmFunctionApp).Assembly,
            typeof(AiSpm.Cli.Hosting.LocalServer).Assembly,
            typeof(AiSpm.Functions.Triggers.ScheduledScan).Assembly,
            typeof(AiSpm.Workflows.ActivityNames).Assembly,
        ];
        var messages = assemblies
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: $"{m.DeclaringType!.FullName}.{m.Name}", Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .ToList();

        var duplicates = messages.GroupBy(x => x.Attribute!.EventId).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(x => x.Method))}").ToList();

        Assert.True(messages.Count >= 15, $"only {messages.Count} log messages found in {string.Join(", ", assemblies.Select(a => a.GetName().Name))}; the scan is broken");
        Assert.Empty(duplicates);
    }
}
