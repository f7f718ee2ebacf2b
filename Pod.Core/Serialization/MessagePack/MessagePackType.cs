namespace Pod.Serialization.MessagePack;

/// <summary>The MessagePack type family of the next value, as seen by <see cref="StrictMessagePackReader.PeekType"/>.</summary>
internal enum MessagePackType
{
    /// <summary>nil (0xc0).</summary>
    Nil,

    /// <summary>false or true (0xc2, 0xc3).</summary>
    Boolean,

    /// <summary>Any fixint, uint or int format.</summary>
    Integer,

    /// <summary>fixstr, str8, str16 or str32.</summary>
    String,

    /// <summary>bin8, bin16 or bin32.</summary>
    Binary,

    /// <summary>fixarray, array16 or array32.</summary>
    Array,

    /// <summary>fixmap, map16 or map32.</summary>
    Map,

    /// <summary>float, ext, fixext or the never-used 0xc1: valid MessagePack this codec does not read.</summary>
    Unsupported,
}
