using System.Numerics;
using System.Text;
using Pod.Serialization;

namespace Pod.Identity;

/// <summary>
/// How @zk-kit/eddsa-poseidon 1.0.4 (Semaphore V4's signer) turns a string message into a number
/// (checkMessage): a string JavaScript's <c>BigInt()</c> reads is that number, any other string is its
/// UTF-8 bytes read big-endian.
/// </summary>
internal static class SemaphoreMessage
{
    /// <summary>The most bytes a text message may have: the signer writes the number into 32 bytes.</summary>
    public const int MaxTextBytes = 32;

    /// <summary>
    /// The message as the reference reads it, with no range check; null for a number BigInt reads whose magnitude is
    /// 2^256 or more (refused unread: the reference's signer refuses such messages, see <see cref="JsBigInt"/>).
    /// </summary>
    public static BigInteger? ToInteger(string message) => JsBigInt.Read(message, out BigInteger value) switch
    {
        JsBigIntText.Number => value,
        JsBigIntText.TooLarge => null,
        _ => FromUtf8(message),
    };

    /// <summary>The UTF-8 bytes of a text read as a big-endian number.</summary>
    public static BigInteger FromUtf8(string message) =>
        new(Encoding.UTF8.GetBytes(message), isUnsigned: true, isBigEndian: true);

    /// <summary>Describes a message for an error, shortened; messages are public, so they may be shown.</summary>
    public static string Describe(string message) =>
        message.Length <= 60 ? $"\"{message}\"" : $"\"{message[..60]}...\" ({message.Length} characters)";
}
