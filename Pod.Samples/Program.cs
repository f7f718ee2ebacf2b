using Pod.Samples;

// dotnet run --project Pod.Samples [ticket | vote]   (no argument: both)
string sample = args.Length > 0 ? args[0] : "all";
switch (sample)
{
    case "ticket":
        return TicketSample.Run(Console.Out);
    case "vote":
        return await VotingSample.RunAsync(Console.Out);
    case "all":
        int ticket = TicketSample.Run(Console.Out);
        Console.WriteLine();
        return ticket != 0 ? ticket : await VotingSample.RunAsync(Console.Out);
    default:
        Console.Error.WriteLine($"Unknown sample '{sample}'. Samples: ticket, vote.");
        return 2;
}
