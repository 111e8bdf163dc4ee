using AiSpm.Cli.Commands;

// Ctrl+C or SIGTERM cancels the running verb; it then gets up to 30 s to stop its servers and the Azurite it started.
return await AiSpmCommandLine.Create().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(30) }).ConfigureAwait(false);
