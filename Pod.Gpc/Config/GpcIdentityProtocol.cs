namespace Pod.Gpc;

/// <summary>The identity protocol an owner entry holds (<c>isOwnerID</c>): @pcd/gpc's IdentityProtocol.</summary>
public enum GpcIdentityProtocol
{
    /// <summary>"SemaphoreV3": the entry is a cryptographic value equal to the owner's Semaphore V3 commitment.</summary>
    SemaphoreV3,

    /// <summary>"SemaphoreV4": the entry is an eddsa_pubkey value equal to the owner's Semaphore V4 public key.</summary>
    SemaphoreV4,
}
