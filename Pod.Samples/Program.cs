using Pod.Samples;

// dotnet run --project Pod.Samples [ticket]
string sample = args.Length > 0 ? args[0] : "ticket";
switch (sample)
{
    case "ticket":
        return TicketSample.Run(Console.Out);
    default:
        Console.Error.WriteLine($"Unknown sample '{sample}'. Samples: ticket.");
        return 2;
}
