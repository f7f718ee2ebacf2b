using Pod.Samples;
using Pod.Samples.TlsIssuer;

// dotnet run --project Pod.Samples [ticket | tls-issuer [serve]]
string sample = args.Length > 0 ? args[0] : "ticket";
switch (sample)
{
    case "ticket":
        return TicketSample.Run(Console.Out);
    case "tls-issuer":
        return await TlsIssuerDemo.RunAsync(Console.Out, serve: args.Length > 1 && args[1] == "serve");
    default:
        Console.Error.WriteLine($"Unknown sample '{sample}'. Samples: ticket, tls-issuer [serve].");
        return 2;
}
