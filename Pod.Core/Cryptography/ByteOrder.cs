namespace Pod.Cryptography;

/// <summary>The order in which the bytes of a fixed-size integer are written.</summary>
public enum ByteOrder
{
    /// <summary>Least significant byte first (the order of packed points and signatures).</summary>
    LittleEndian,

    /// <summary>Most significant byte first.</summary>
    BigEndian,
}
