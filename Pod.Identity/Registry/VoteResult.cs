namespace Pod.Identity.Registry;

/// <summary>What casting a vote in an election scope did.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<VoteResult>))]
public enum VoteResult
{
    /// <summary>The nullifier had not voted in the scope; its vote is recorded.</summary>
    Recorded,

    /// <summary>The nullifier had voted in the scope; its new choice replaced the earlier one.</summary>
    Replaced,
}
