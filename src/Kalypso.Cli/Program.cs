using Kalypso.Cli;

return await KalypsoCommand.RunAsync(args);
