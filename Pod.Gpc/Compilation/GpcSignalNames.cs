namespace Pod.Gpc;

/// <summary>
/// The names of the GPC circuits' signals, as ProtoPODGPC declares them (@pcd/gpcircuits' proto-pod-gpc.circom):
/// the object, entry, owner, numeric, tuple and list modules' inputs, the global ones, and the outputs. The order
/// they take in a circuit's input is <see cref="CircuitCompiler"/>'s, defined there once.
/// </summary>
internal static class GpcSignalNames
{
    // Object module (private): each POD's content ID, signer's key and signature.
    public const string ObjectContentId = "objectContentID";
    public const string ObjectSignerPubkeyAx = "objectSignerPubkeyAx";
    public const string ObjectSignerPubkeyAy = "objectSignerPubkeyAy";
    public const string ObjectSignatureR8x = "objectSignatureR8x";
    public const string ObjectSignatureR8y = "objectSignatureR8y";
    public const string ObjectSignatureS = "objectSignatureS";

    // Entry module: which POD and name each entry is (public), and its Merkle proof (private).
    public const string EntryObjectIndex = "entryObjectIndex";
    public const string EntryNameHash = "entryNameHash";
    public const string EntryIsValueHashRevealed = "entryIsValueHashRevealed";
    public const string EntryProofDepth = "entryProofDepth";
    public const string EntryProofIndex = "entryProofIndex";
    public const string EntryProofSiblings = "entryProofSiblings";

    // Virtual entries and entry constraints.
    public const string VirtualEntryIsValueHashRevealed = "virtualEntryIsValueHashRevealed";
    public const string EntryEqualToOtherEntryByIndex = "entryEqualToOtherEntryByIndex";
    public const string EntryIsEqualToOtherEntry = "entryIsEqualToOtherEntry";

    // Owner modules: the identities' secrets are private, the rest public.
    public const string OwnerExternalNullifier = "ownerExternalNullifier";
    public const string OwnerV3EntryIndex = "ownerV3EntryIndex";
    public const string OwnerSemaphoreV3IdentityNullifier = "ownerSemaphoreV3IdentityNullifier";
    public const string OwnerSemaphoreV3IdentityTrapdoor = "ownerSemaphoreV3IdentityTrapdoor";
    public const string OwnerV3IsNullifierHashRevealed = "ownerV3IsNullifierHashRevealed";
    public const string OwnerV4EntryIndex = "ownerV4EntryIndex";
    public const string OwnerSemaphoreV4SecretScalar = "ownerSemaphoreV4SecretScalar";
    public const string OwnerV4IsNullifierHashRevealed = "ownerV4IsNullifierHashRevealed";

    // Numeric values (private) and their range checks (public), entry inequalities.
    public const string NumericValues = "numericValues";
    public const string NumericValueEntryIndices = "numericValueEntryIndices";
    public const string NumericValueInRange = "numericValueInRange";
    public const string NumericMinValues = "numericMinValues";
    public const string NumericMaxValues = "numericMaxValues";
    public const string EntryInequalityValueIndex = "entryInequalityValueIndex";
    public const string EntryInequalityOtherValueIndex = "entryInequalityOtherValueIndex";
    public const string EntryInequalityIsLessThan = "entryInequalityIsLessThan";

    // Tuples and list membership.
    public const string TupleIndices = "tupleIndices";
    public const string ListComparisonValueIndex = "listComparisonValueIndex";
    public const string ListContainsComparisonValue = "listContainsComparisonValue";
    public const string ListValidValues = "listValidValues";

    // Global inputs.
    public const string RequireUniqueContentIds = "requireUniqueContentIDs";
    public const string GlobalWatermark = "globalWatermark";

    // Outputs.
    public const string EntryRevealedValueHash = "entryRevealedValueHash";
    public const string VirtualEntryRevealedValueHash = "virtualEntryRevealedValueHash";
    public const string OwnerV3RevealedNullifierHash = "ownerV3RevealedNullifierHash";
    public const string OwnerV4RevealedNullifierHash = "ownerV4RevealedNullifierHash";
}
