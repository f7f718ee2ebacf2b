using Pod.Samples;
using Pod.Samples.Demo;
using Pod.Samples.TlsIssuer;
using Pod.Samples.Verifier;

// dotnet run --project Pod.Samples [ticket | vote | tls-issuer [serve] | verifier [serve] [options] | demo]; without arguments the
// first three demos run (the verifier needs the GPC artifacts npm package installed, so it runs only when asked).
string sample = args.Length > 0 ? args[0] : "all";
switch (sample)
{
    case "all":
        int ticket = TicketSample.Run(Console.Out);
        Console.Out.WriteLine();
        int vote = await VotingSample.RunAsync(Console.Out);
        Console.Out.WriteLine();
        int tls = await TlsIssuerDemo.RunAsync(Console.Out, serve: false);
        return ticket != 0 ? ticket : vote != 0 ? vote : tls;
    case "ticket":
        return TicketSample.Run(Console.Out);
    case "vote":
        return await VotingSample.RunAsync(Console.Out);
    case "tls-issuer":
        return await TlsIssuerDemo.RunAsync(Console.Out, serve: args.Length > 1 && args[1] == "serve");
    case "verifier":
        return await GpcVerifierDemo.RunAsync(Console.Out, args[1..]);
    case "demo":
        return await DemoCommand.RunAsync(Console.Out);
    default:
        Console.Error.WriteLine($"Unknown sample '{sample}'. Samples: ticket, vote, tls-issuer [serve], verifier [serve] [options], demo.");
        return 2;
}
