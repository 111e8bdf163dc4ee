using AiSpm.Application.Configuration;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Functions app on the isolated worker: ASP.NET Core integration for the HTTP API, and AiSpm's one composition
// root for everything the functions call. A setting that is missing or malformed stops the start with its name.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddAiSpm(builder.Configuration);
var app = builder.Build();
app.Services.ValidateAiSpm();
app.Run();
