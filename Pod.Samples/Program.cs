using Pod.Samples.Demo;
using Pod.Samples.Holder;
using Pod.Samples.Tickets;
using Pod.Samples.TlsIssuer;
using Pod.Samples.Verifier;

// dotnet run --project Pod.Samples [ticket | vote | identity | claims | tls-issuer [serve] | verifier [serve] [options] | demo];
// without arguments: ticket and tls-issuer, and the election when the GPC circuits are installed (it proves; see
// SampleArtifacts). vote, identity and claims prove with the circuits, so they need them (the verifier too); demo serves
// the demo pages (docs/demo.md) until Ctrl+C.
string sample = args.Length > 0 ? args[0] : "all";
switch (sample)
{
    case "all":
        int ticket = TicketSample.Run(Console.Out);
        Console.Out.WriteLine();
        int vote = await Workflow.RunAsync(Console.Out, "vote", required: false);
        Console.Out.WriteLine();
        int tls = await TlsIssuerDemo.RunAsync(Console.Out, serve: false);
        return ticket != 0 ? ticket : vote != 0 ? vote : tls;
    case "ticket":
        return TicketSample.Run(Console.Out);
    case "vote" or "identity" or "claims":
        return await Workflow.RunAsync(Console.Out, sample, required: true);
    case "tls-issuer":
        return await TlsIssuerDemo.RunAsync(Console.Out, serve: args.Length > 1 && args[1] == "serve");
    case "verifier":
        return await GpcVerifierDemo.RunAsync(Console.Out, args[1..]);
    case "demo":
        return await DemoCommand.RunAsync(Console.Out);
    default:
        Console.Error.WriteLine($"Unknown sample '{sample}'. Samples: ticket, vote, identity, claims, tls-issuer [serve], verifier [serve] [options], demo.");
        return 2;
}
