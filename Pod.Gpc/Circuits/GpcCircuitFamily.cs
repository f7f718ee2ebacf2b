using System.Diagnostics.CodeAnalysis;

namespace Pod.Gpc;

/// <summary>
/// The proto-pod-gpc circuit family of @pcd/gpcircuits 0.5.1, in increasing cost, with the SHA-256 of
/// every artifact file of @pcd/proto-pod-gpc-artifacts 0.13.0. Binding picks the first (cheapest) circuit
/// that fits a config and its inputs, as the reference's pickCircuitForRequirements does.
/// </summary>
/// <remarks>
/// Parameters and costs are those of the reference's <c>circuitParameters.json</c>; the artifact hashes
/// and sizes were taken from the installed artifacts package (both recorded in the test vectors'
/// <c>gpc-circuits.json</c>, which the tests compare this table with).
/// </remarks>
public static class GpcCircuitFamily
{
    /// <summary>The family name, <c>proto-pod-gpc</c>.</summary>
    public const string FamilyName = "proto-pod-gpc";

    /// <summary>The version of the @pcd/proto-pod-gpc-artifacts npm package whose files are pinned.</summary>
    public const string ArtifactsVersion = "0.13.0";

    /// <summary>The nine circuits, cheapest first.</summary>
    public static IReadOnlyList<GpcCircuitDescription> All { get; } = Array.AsReadOnly(new[]
    {
        // cost, objects, entries, depth, numeric values, inequalities, lists, list elements, tuples, tuple arity, V3, V4; wasm, pkey, vkey.
        new GpcCircuitDescription(
            7444, 1, 1, 5, 0, 0, 0, 0, 0, 0, false, true,
            ("5f97c2909aa16788fbecbd40b0814cae2b8bab32f70fceabbb25d5ecfad946e9", 2853891),
            ("549fa8d13e20f0fecc23351bc30072bd4d3bc009c109a7dd478233647b8aa549", 4368806),
            ("3e4a4f434c1fb3a86fad9530b120c852e9ac9ecae440e50e8214035025a1972a", 6882)),
        new GpcCircuitDescription(
            15361, 1, 5, 6, 2, 0, 0, 0, 0, 0, true, true,
            ("c47dc552d64276da6199a98d12f2ae3d0e3eeafc692591ace9f518b2ac1a9a2f", 2901125),
            ("e3b55ccc049472c459570bc6e7a39561c64cc6ef6aa5650073650f75a0f9c063", 8785662),
            ("0a623aefd51088ba2a4fec0bc64c844d8296f46f4e93e1494627d91fcd06a106", 11779)),
        new GpcCircuitDescription(
            18885, 1, 10, 5, 0, 0, 0, 0, 0, 0, false, true,
            ("8728b2a0bc1033d46da0171bb2932a4f9b8073e1676368df54a6155320a53566", 2904210),
            ("2849ffaef28f1185395f18f37adbef22b2286aa79f294671f07e645e8c4f880d", 11601328),
            ("98ec74fcf6553bda77543577613eb2788e2800dfdd258d43ecea4197de9ac8e1", 13917)),
        new GpcCircuitDescription(
            20176, 1, 11, 5, 0, 0, 0, 0, 0, 0, false, true,
            ("5fbd82a635f9080e2cab380aca814245b23989c1e290dd740e63a5c2a4e33bca", 2909397),
            ("6b2cf5031d2b3d2aacda8f9b8c8e8bc0cef4dca456328a565d72ce177a20590b", 12239568),
            ("f0fe226563b9b987f7ca5246da8f1c6612eb6d53bece1406eb138b3687277f42", 14716)),
        new GpcCircuitDescription(
            20596, 1, 11, 5, 0, 0, 1, 50, 1, 3, false, true,
            ("b808a33d4e31098a052f37f6cd16dc0a3067061c2601f59176ee54c2e653d8cf", 3370667),
            ("cab41d214c59d99fd7e29e3fe2349255313b3dd872193e7f5af34b3ac36309f3", 12471830),
            ("71e233c834b7126f9c28ff00735d81f969e8a5ac756819f6ea10eebb09c3d53e", 25300)),
        new GpcCircuitDescription(
            20746, 1, 11, 5, 0, 0, 1, 200, 1, 3, false, true,
            ("3047100239c8672859561f7ba6ef1046a5d7f1fb7c8e970df440e67f31567bc5", 3374351),
            ("7375c99ced93ec3bfee56f1fcf824dc07964a049bdff348bf4d591b119ff030c", 12594232),
            ("806aea6cbe4cd9c887ea06d79b108576ab581d83c020098706a052fa74bb0668", 54714)),
        new GpcCircuitDescription(
            23002, 1, 12, 5, 4, 0, 1, 5, 0, 0, false, true,
            ("70cf9e52798218fb2ace68eb3b0fcdae789b0a478ba7f2252875082acf25e526", 2939144),
            ("a85ebcfed131c9c4c69ab121e24ea51f2ae14859958207aea363411f14384e90", 13622300),
            ("4a685741fb43c5e1e89fb1289b2c59a24ce28fdfccd6d50fbe22f65db3c81ac6", 19019)),
        new GpcCircuitDescription(
            38257, 3, 10, 8, 4, 2, 2, 20, 2, 2, false, true,
            ("f3a842212970dca270d755720e8f5061ea191adae56a3ee40308fe7ba7389bcb", 3021197),
            ("35ff2eb0fecd0f6ad9d18965b14755ba76c3562ebcf84d3ac0f46b3ef1299ab7", 23561906),
            ("91f8bca7b91793fe20d04f210fd879fa627fd34be72af23b4b1bfd259d182e63", 27656)),
        new GpcCircuitDescription(
            40566, 3, 10, 8, 4, 2, 4, 20, 5, 3, true, true,
            ("0bd5d0401ea7dbd57f5a77751f157d179c41441a016f258db89135e189d363c4", 3484266),
            ("e0b00a744319ad7aa18b32c33c182c63203b3bc43fe396ce88a7db5288253529", 24742958),
            ("cd3ef5ef6f4418e61f28e20bd999c03f37f0633979363ebe11f2f6e0a0bd07ca", 38615)),
    });

    /// <summary>Finds a circuit by identifier (<c>proto-pod-gpc_name</c>).</summary>
    public static bool TryFind(string? identifier, [NotNullWhen(true)] out GpcCircuitDescription? circuit)
    {
        circuit = All.FirstOrDefault(c => string.Equals(c.Identifier, identifier, StringComparison.Ordinal));
        return circuit is not null;
    }

    /// <summary>The cheapest circuit meeting the requirements, or null.</summary>
    internal static GpcCircuitDescription? Pick(GpcRequirements requirements) =>
        All.FirstOrDefault(c => requirements.Exceeded(c.Limits).Count == 0);
}
