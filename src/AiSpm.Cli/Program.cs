using AiSpm.Cli.Commands;

// Ctrl+C or SIGTERM cancels the running verb; it then gets up to 30 s to stop its servers and the Azurite it started.
// A usage error exits 2 (AiSpmCommandLine.InvokeAsync).
return await AiSpmCommandLine.InvokeAsync(args, new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) }).ConfigureAwait(false);
