using AiSpm.Application.Configuration;
using AiSpm.Connectors.Diagnostics;
using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

// The Functions app on the isolated worker: ASP.NET Core integration for the HTTP API, and AiSpm's one composition
// root for everything the functions call. A setting that is missing or malformed stops the start with its name.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddAiSpm(builder.Configuration);

// OpenTelemetry (host.json telemetryMode): function invocations, AiSpm's spans and metrics, outbound HTTP; exported to
// Application Insights when its connection string is set.
var telemetry = builder.Services.AddOpenTelemetry()
    .WithTracing(tracing => tracing.AddSource(AiSpmTelemetry.Name).AddHttpClientInstrumentation())
    .WithMetrics(metrics => metrics.AddMeter(AiSpmTelemetry.Name))
    .UseFunctionsWorkerDefaults();
if (!string.IsNullOrWhiteSpace(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    // Local auth is off on the deployed Application Insights: ingest with the app's managed identity, named as the
    // Functions host reads it (APPLICATIONINSIGHTS_AUTHENTICATION_STRING "ClientId=<id>;Authorization=AAD").
    var clientId = (builder.Configuration["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] ?? string.Empty).Split(';')
        .Select(part => part.Split('=', 2)).Where(pair => pair.Length == 2 && pair[0].Trim().Equals("ClientId", StringComparison.OrdinalIgnoreCase))
        .Select(pair => pair[1].Trim()).FirstOrDefault();
    telemetry.UseAzureMonitorExporter(exporter =>
    {
        if (!string.IsNullOrEmpty(clientId))
        {
            exporter.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
        }
    });
}

var app = builder.Build();
app.Services.ValidateAiSpm();
app.Run();
