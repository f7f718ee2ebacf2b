using Pod.Cli;

return PodCommand.Run(args, Console.Out, Console.Error);
