using AiSpm.Cli.Commands;

return await AiSpmCommandLine.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
