namespace Pod.Issuers.Tls.Providers;

/// <summary>The POD value type a claim is coerced to.</summary>
internal enum ClaimType
{
    String,
    Int,
    Boolean,
    Date,
    Fixed,
}
