namespace Pod.Identity.Registry;

/// <summary>What registering a nullifier in a scope found (an airdrop claim, a one-time action).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<RegistrationResult>))]
public enum RegistrationResult
{
    /// <summary>The nullifier was not registered in the scope; this call registered it.</summary>
    FirstUse,

    /// <summary>The nullifier was already registered in the scope; the call was refused and changed nothing.</summary>
    AlreadyRegistered,
}
