using Practise.Cli;

return await PractiseCli.InvokeAsync(args, CliEnvironment.FromConsole());
