namespace Pod.Cryptography.Fields;

/// <summary>
/// A finite extension of a prime field (Fq2, Fq6 and Fq12 over Fq): a field with no integer encoding, whose
/// order is the base field's modulus to the <see cref="Degree"/>; laws that need the order (Fermat) derive it.
/// </summary>
internal interface IExtensionField<TSelf, TBase> : IField<TSelf>
    where TSelf : struct, IExtensionField<TSelf, TBase>
    where TBase : struct, IPrimeField<TBase>
{
    /// <summary>The degree of the extension over <typeparamref name="TBase"/>.</summary>
    static abstract int Degree { get; }
}
