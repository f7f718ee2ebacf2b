namespace Pod.Issuers.Tls;

/// <summary>A fresh nonce for the enclave to echo in the signed payload, and the session it opens.</summary>
/// <param name="Nonce">32 random bytes, Base64url without padding.</param>
/// <param name="SessionId">The session id.</param>
/// <param name="ExpiresAt">When the nonce expires.</param>
public sealed record NonceGrant(string Nonce, string SessionId, DateTimeOffset ExpiresAt);
