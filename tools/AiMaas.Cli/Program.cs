using AiMaas.Cli;

return await CliApp.Create().Parse(args).InvokeAsync();
