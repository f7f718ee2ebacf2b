namespace Pod.Issuers.Tls;

/// <summary>An allowed enclave signer: MRSIGNER (hex), the product id and the minimum ISV SVN.</summary>
/// <param name="MrSignerHex">MRSIGNER as 64 hex digits.</param>
/// <param name="ProductId">The ISVPRODID required.</param>
/// <param name="MinSvn">The smallest ISVSVN accepted.</param>
public sealed record EnclaveSignerRule(string MrSignerHex, ushort ProductId, ushort MinSvn);
