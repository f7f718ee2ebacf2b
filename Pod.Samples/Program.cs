using Pod.Samples;
using Pod.Samples.TlsIssuer;

// dotnet run --project Pod.Samples [ticket | tls-issuer [serve]]; without arguments both demos run.
string sample = args.Length > 0 ? args[0] : "all";
switch (sample)
{
    case "all":
        int ticket = TicketSample.Run(Console.Out);
        Console.Out.WriteLine();
        int tls = await TlsIssuerDemo.RunAsync(Console.Out, serve: false);
        return ticket != 0 ? ticket : tls;
    case "ticket":
        return TicketSample.Run(Console.Out);
    case "tls-issuer":
        return await TlsIssuerDemo.RunAsync(Console.Out, serve: args.Length > 1 && args[1] == "serve");
    default:
        Console.Error.WriteLine($"Unknown sample '{sample}'. Samples: ticket, tls-issuer [serve].");
        return 2;
}
