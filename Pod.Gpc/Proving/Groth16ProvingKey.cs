using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Pod.Cryptography.Bn254;
using Pod.Cryptography.Fields;

namespace Pod.Gpc.Proving;

/// <summary>
/// A Groth16 proving key over BN254 read from a snarkjs <c>.zkey</c> file: the circuit's sizes, the
/// constraint coefficients of the A and B matrices, and the points A, B1, B2, C and H the prover's
/// multi-scalar multiplications run over, with the verification part used to check every proof before it
/// is returned. Read once, checked once (protocol, curve, sizes, every coordinate canonical, every point
/// on its curve), then immutable and safe to share between threads and proofs.
/// </summary>
/// <remarks>
/// The format is snarkjs's binary file: the magic <c>zkey</c>, a version, then sections by id in any
/// order, each an id (u32) and a byte size (u64). Section 1 names the protocol (1 = Groth16); 2 holds
/// q, r, the number of wires, of public signals, the domain size and alpha1, beta1, beta2, gamma2,
/// delta1, delta2; 3 the IC points; 4 the coefficients (matrix, constraint, wire, value times R^2);
/// 5 to 9 the points A, B1, B2, C (private wires only) and H (odd-indexed Lagrange points of the 2n
/// domain). Field elements are little-endian Montgomery forms with R = 2^256, affine points with (0, 0)
/// for infinity. Pinned-hash checks of the GPC artifacts stay with <c>GpcArtifacts</c>.
/// </remarks>
public sealed class Groth16ProvingKey
{
    private const int FieldBytes = 32;
    private const int G2Bytes = 4 * FieldBytes;
    private const int CoefficientBytes = 12 + FieldBytes;

    private readonly Lazy<(FrDomain Domain, Fr[] OddShifts)> _quotientDomain;

    private Groth16ProvingKey(
        int wireCount,
        int publicSignalCount,
        int domainLog2Size,
        Groth16VerificationKey verificationKey,
        CurvePoint<Fq> alpha1,
        CurvePoint<Fq> beta1,
        CurvePoint<Fq2> beta2,
        CurvePoint<Fq> delta1,
        CurvePoint<Fq2> delta2,
        RawAffinePoint<Fq>[] ic,
        Groth16Coefficient[] coefficients,
        RawAffinePoint<Fq>[] a,
        RawAffinePoint<Fq>[] b1,
        RawAffinePoint<Fq2>[] b2,
        RawAffinePoint<Fq>[] c,
        RawAffinePoint<Fq>[] h)
    {
        WireCount = wireCount;
        PublicSignalCount = publicSignalCount;
        DomainLog2Size = domainLog2Size;
        VerificationKey = verificationKey;
        Alpha1 = alpha1;
        Beta1 = beta1;
        Beta2 = beta2;
        Delta1 = delta1;
        Delta2 = delta2;
        Ic = ic;
        Coefficients = coefficients;
        A = a;
        B1 = b1;
        B2 = b2;
        C = c;
        H = h;
        _quotientDomain = new Lazy<(FrDomain, Fr[])>(() => QuotientDomain(domainLog2Size));
    }


    /// <summary>The number of wires (witness elements), the constant 1 and the public signals included.</summary>
    public int WireCount { get; }

    /// <summary>The number of public signals (outputs then public inputs), witness elements 1 to this count.</summary>
    public int PublicSignalCount { get; }

    /// <summary>The size of the evaluation domain, a power of two at least the constraint count plus the public inputs.</summary>
    public int DomainSize => 1 << DomainLog2Size;

    /// <summary>The verification key contained in the proving key (alpha1, beta2, gamma2, delta2, IC).</summary>
    public Groth16VerificationKey VerificationKey { get; }

    internal int DomainLog2Size { get; }

    internal CurvePoint<Fq> Alpha1 { get; }

    internal CurvePoint<Fq> Beta1 { get; }

    internal CurvePoint<Fq2> Beta2 { get; }

    internal CurvePoint<Fq> Delta1 { get; }

    internal CurvePoint<Fq2> Delta2 { get; }

    /// <summary>The IC points as read (the verification key holds them too), for the self-check's vk_x MSM.</summary>
    internal RawAffinePoint<Fq>[] Ic { get; }

    internal Groth16Coefficient[] Coefficients { get; }

    internal RawAffinePoint<Fq>[] A { get; }

    internal RawAffinePoint<Fq>[] B1 { get; }

    internal RawAffinePoint<Fq2>[] B2 { get; }

    internal RawAffinePoint<Fq>[] C { get; }

    internal RawAffinePoint<Fq>[] H { get; }

    /// <summary>
    /// The n-point domain of the key and omega_2n^i for i &lt; n (snarkjs's Fr.w[k + 1], its Fr.shift only
    /// at 2-adicity, beyond any zkey here): built once per key, not once per proof.
    /// </summary>
    internal (FrDomain Domain, Fr[] OddShifts) QuotientDomain() => _quotientDomain.Value;

    private static (FrDomain, Fr[]) QuotientDomain(int log2Size)
    {
        var domain = new FrDomain(log2Size);
        Fr shift = FrDomain.RootOfUnity(log2Size + 1);
        var shifts = new Fr[domain.Size];
        Fr power = Fr.One;
        for (int i = 0; i < shifts.Length; i++)
        {
            shifts[i] = power;
            power *= shift;
        }

        return (domain, shifts);
    }

    /// <summary>Reads and checks a zkey file.</summary>
    /// <exception cref="ArgumentNullException">The path is null.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed Groth16 zkey over BN254; the message names the section and field.</exception>
    public static Groth16ProvingKey Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using FileStream stream = new(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Load(stream);
    }

    /// <summary>Reads and checks a zkey from a stream (read from its current position to its end; a non-seekable stream is buffered).</summary>
    /// <exception cref="ArgumentNullException">The stream is null.</exception>
    /// <exception cref="InvalidDataException">The data is not a well-formed Groth16 zkey over BN254; the message names the section and field.</exception>
    public static Groth16ProvingKey Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            using var buffered = new MemoryStream();
            stream.CopyTo(buffered);
            buffered.Position = 0;
            return new ZkeyReader(buffered).Read();
        }

        return new ZkeyReader(stream).Read();
    }

    /// <summary>Reads the sections of one zkey; every failure is an <see cref="InvalidDataException"/>.</summary>
    private sealed class ZkeyReader(Stream stream)
    {
        private readonly long _start = stream.Position;
        private readonly Dictionary<int, (long Offset, long Size)> _sections = [];

        public Groth16ProvingKey Read()
        {
            try
            {
                return ReadCore();
            }
            catch (EndOfStreamException e)
            {
                throw new InvalidDataException("The zkey is truncated.", e);
            }
        }

        private Groth16ProvingKey ReadCore()
        {
            long length = stream.Length - _start;
            Span<byte> head = stackalloc byte[12];
            stream.ReadExactly(head);
            if (!head[..4].SequenceEqual("zkey"u8))
            {
                throw new InvalidDataException("The file is not a zkey: it does not start with the magic \"zkey\".");
            }

            uint sectionCount = BinaryPrimitives.ReadUInt32LittleEndian(head[8..]);
            long position = 12;
            Span<byte> sectionHead = stackalloc byte[12];
            for (uint i = 0; i < sectionCount; i++)
            {
                stream.Position = _start + position;
                stream.ReadExactly(sectionHead);
                // Ids are uint32 (snarkjs's binfile); one above int.MaxValue is no section the reader looks for, so
                // it wraps to a negative key instead of overflowing (found by ReaderFuzzTests).
                uint rawId = BinaryPrimitives.ReadUInt32LittleEndian(sectionHead);
                int id = unchecked((int)rawId);
                ulong size = BinaryPrimitives.ReadUInt64LittleEndian(sectionHead[4..]);
                position += 12;
                if (size > (ulong)(length - position))
                {
                    throw new InvalidDataException($"The zkey is truncated: section {rawId} declares {size} bytes, {length - position} remain.");
                }

                if (!_sections.TryAdd(id, (position, (long)size)))
                {
                    throw new InvalidDataException($"The zkey holds section {rawId} twice.");
                }

                position += (long)size;
            }

            BinaryReader header = Section(1, exactSize: 4);
            uint protocol = header.ReadUInt32();
            if (protocol != 1)
            {
                throw new InvalidDataException($"The zkey's protocol is {protocol}; only Groth16 (1) is supported.");
            }

            BinaryReader groth = Section(2, exactSize: null);
            ExpectModulus(groth, "q", Fq.Modulus);
            ExpectModulus(groth, "r", Fr.Modulus);
            int wires = ReadCount(groth, "nVars");
            int publicSignals = ReadCount(groth, "nPublic");
            int domainSize = ReadCount(groth, "domainSize");
            if (publicSignals + 1 > wires)
            {
                throw new InvalidDataException($"The zkey's nPublic ({publicSignals}) must be below nVars ({wires}).");
            }

            if (domainSize == 0 || (domainSize & (domainSize - 1)) != 0 || domainSize > (1 << FrDomain.MaxLog2Size))
            {
                throw new InvalidDataException($"The zkey's domainSize ({domainSize}) must be a power of two up to 2^{FrDomain.MaxLog2Size}.");
            }

            CurvePoint<Fq> alpha1 = ReadG1(groth, "alpha1");
            CurvePoint<Fq> beta1 = ReadG1(groth, "beta1");
            CurvePoint<Fq2> beta2 = ReadG2(groth, "beta2");
            CurvePoint<Fq2> gamma2 = ReadG2(groth, "gamma2");
            CurvePoint<Fq> delta1 = ReadG1(groth, "delta1");
            CurvePoint<Fq2> delta2 = ReadG2(groth, "delta2");
            if (groth.BaseStream.Position != groth.BaseStream.Length)
            {
                throw new InvalidDataException("The zkey's Groth16 header (section 2) has trailing bytes.");
            }

            foreach ((string name, CurvePoint<Fq2> point) in new[] { ("beta2", beta2), ("gamma2", gamma2), ("delta2", delta2) })
            {
                if (!Bn254Curve.IsInG2(point))
                {
                    throw new InvalidDataException($"The zkey's {name} is not in the subgroup of order r.");
                }
            }

            RawAffinePoint<Fq>[] ic = ReadPoints<Fq>(3, publicSignals + 1, "IC");
            Groth16Coefficient[] coefficients = ReadCoefficients(wires, domainSize);
            RawAffinePoint<Fq>[] a = ReadPoints<Fq>(5, wires, "A");
            RawAffinePoint<Fq>[] b1 = ReadPoints<Fq>(6, wires, "B1");
            RawAffinePoint<Fq2>[] b2 = ReadPoints<Fq2>(7, wires, "B2");
            RawAffinePoint<Fq>[] c = ReadPoints<Fq>(8, wires - publicSignals - 1, "C");
            RawAffinePoint<Fq>[] h = ReadPoints<Fq>(9, domainSize, "H");

            var verificationKey = new Groth16VerificationKey(
                alpha1, beta2, gamma2, delta2, Array.ConvertAll(ic, p => p.ToCurvePoint()));
            return new Groth16ProvingKey(
                wires, publicSignals, System.Numerics.BitOperations.Log2((uint)domainSize), verificationKey,
                alpha1, beta1, beta2, delta1, delta2, ic, coefficients, a, b1, b2, c, h);
        }

        private BinaryReader Section(int id, int? exactSize)
        {
            byte[] bytes = SectionBytes(id, exactSize);
            return new BinaryReader(new MemoryStream(bytes, writable: false));
        }

        private byte[] SectionBytes(int id, long? exactSize)
        {
            if (!_sections.TryGetValue(id, out (long Offset, long Size) section))
            {
                throw new InvalidDataException($"The zkey has no section {id}.");
            }

            if (exactSize is long expected && section.Size != expected)
            {
                throw new InvalidDataException($"The zkey's section {id} holds {section.Size} bytes; {expected} expected.");
            }

            if (section.Size > Array.MaxLength)
            {
                throw new InvalidDataException($"The zkey's section {id} is too large ({section.Size} bytes).");
            }

            byte[] bytes = new byte[section.Size];
            stream.Position = _start + section.Offset;
            stream.ReadExactly(bytes);
            return bytes;
        }

        private RawAffinePoint<TField>[] ReadPoints<TField>(int id, int count, string name)
            where TField : struct, ICurveCoordinateField<TField>
        {
            int pointBytes = Unsafe.SizeOf<RawAffinePoint<TField>>();
            if (!_sections.TryGetValue(id, out (long Offset, long Size) section))
            {
                throw new InvalidDataException($"The zkey has no section {id} ({name} points).");
            }

            if (section.Size != (long)count * pointBytes)
            {
                throw new InvalidDataException(
                    $"The zkey's section {id} ({name} points) holds {section.Size} bytes; {count} points of {pointBytes} bytes expected.");
            }

            var points = new RawAffinePoint<TField>[count];
            stream.Position = _start + section.Offset;
            stream.ReadExactly(MemoryMarshal.AsBytes(points.AsSpan()));
            for (int i = 0; i < points.Length; i++)
            {
                if (!IsCanonical(points[i]) || !points[i].ToCurvePoint().IsOnCurve)
                {
                    throw new InvalidDataException($"The zkey's {name}[{i}] is not a point of the curve with canonical coordinates.");
                }
            }

            return points;
        }

        private Groth16Coefficient[] ReadCoefficients(int wires, int domainSize)
        {
            if (!_sections.TryGetValue(4, out (long Offset, long Size) section) || section.Size < 4)
            {
                throw new InvalidDataException("The zkey has no coefficient section (4).");
            }

            stream.Position = _start + section.Offset;
            Span<byte> countBytes = stackalloc byte[4];
            stream.ReadExactly(countBytes);
            uint count = BinaryPrimitives.ReadUInt32LittleEndian(countBytes);
            if (section.Size != 4 + ((long)count * CoefficientBytes))
            {
                throw new InvalidDataException(
                    $"The zkey's coefficient section (4) holds {section.Size} bytes; {count} coefficients of {CoefficientBytes} bytes expected.");
            }

            // Read in chunks (the section is 7 MB for the largest GPC circuit): a section-sized buffer would be
            // garbage on the large-object heap for as long as the process runs no full collection.
            var coefficients = new Groth16Coefficient[count];
            byte[] buffer = new byte[CoefficientBytes * 1024];
            for (int start = 0; start < coefficients.Length; start += 1024)
            {
                int chunk = Math.Min(1024, coefficients.Length - start);
                stream.ReadExactly(buffer, 0, chunk * CoefficientBytes);
                for (int k = 0; k < chunk; k++)
                {
                    int i = start + k;
                    ReadOnlySpan<byte> entry = buffer.AsSpan(k * CoefficientBytes, CoefficientBytes);
                    uint matrix = BinaryPrimitives.ReadUInt32LittleEndian(entry);
                    uint constraint = BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
                    uint wire = BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
                    U256 raw = ReadU256(entry[12..]);
                    if (matrix > 1 || constraint >= (uint)domainSize || wire >= (uint)wires || !Montgomery<FrModulus>.IsCanonical(raw))
                    {
                        throw new InvalidDataException(
                            $"The zkey's coefficient {i} (matrix {matrix}, constraint {constraint}, wire {wire}) is out of range.");
                    }

                    // Stored as v * R^2 (so that one Montgomery product with a plain witness value gives
                    // v * w in Montgomery form); one Montgomery reduction turns it into v's Montgomery form.
                    coefficients[i] = new Groth16Coefficient(
                        (int)matrix, (int)constraint, (int)wire, new Fr(Montgomery<FrModulus>.FromMontgomery(raw)));
                }
            }

            return coefficients;
        }

        private static void ExpectModulus(BinaryReader reader, string name, System.Numerics.BigInteger expected)
        {
            uint size = reader.ReadUInt32();
            if (size != FieldBytes)
            {
                throw new InvalidDataException($"The zkey's {name} is {size} bytes; BN254 takes {FieldBytes}.");
            }

            byte[] bytes = reader.ReadBytes(FieldBytes);
            if (bytes.Length != FieldBytes || new System.Numerics.BigInteger(bytes, isUnsigned: true) != expected)
            {
                throw new InvalidDataException($"The zkey's {name} is not BN254's; only BN254 (bn128) keys are supported.");
            }
        }

        private static int ReadCount(BinaryReader reader, string name)
        {
            uint value = reader.ReadUInt32();
            return value <= int.MaxValue / G2Bytes
                ? (int)value
                : throw new InvalidDataException($"The zkey's {name} ({value}) is too large.");
        }

        private static CurvePoint<Fq> ReadG1(BinaryReader reader, string name)
        {
            var point = new RawAffinePoint<Fq>(ReadFq(reader, name), ReadFq(reader, name));
            return point.IsInfinity || !point.ToCurvePoint().IsOnCurve
                ? throw new InvalidDataException($"The zkey's {name} is not a finite point of G1.")
                : point.ToCurvePoint();
        }

        private static CurvePoint<Fq2> ReadG2(BinaryReader reader, string name)
        {
            var point = new RawAffinePoint<Fq2>(
                new Fq2(ReadFq(reader, name), ReadFq(reader, name)),
                new Fq2(ReadFq(reader, name), ReadFq(reader, name)));
            return point.IsInfinity || !point.ToCurvePoint().IsOnCurve
                ? throw new InvalidDataException($"The zkey's {name} is not a finite point of the twist.")
                : point.ToCurvePoint();
        }

        private static Fq ReadFq(BinaryReader reader, string name)
        {
            byte[] bytes = reader.ReadBytes(FieldBytes);
            if (bytes.Length != FieldBytes)
            {
                throw new InvalidDataException($"The zkey's Groth16 header is truncated at {name}.");
            }

            U256 raw = ReadU256(bytes);
            return Montgomery<FqModulus>.IsCanonical(raw)
                ? new Fq(raw)
                : throw new InvalidDataException($"The zkey's {name} has a coordinate not below the base field modulus.");
        }

        private static U256 ReadU256(ReadOnlySpan<byte> bytes) => new(
            BinaryPrimitives.ReadUInt64LittleEndian(bytes),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64LittleEndian(bytes[24..]));

        private static bool IsCanonical<TField>(in RawAffinePoint<TField> point)
            where TField : struct, ICurveCoordinateField<TField>
        {
            ReadOnlySpan<U256> limbs = MemoryMarshal.Cast<RawAffinePoint<TField>, U256>(new ReadOnlySpan<RawAffinePoint<TField>>(in point));
            foreach (U256 limb in limbs)
            {
                if (!Montgomery<FqModulus>.IsCanonical(limb))
                {
                    return false;
                }
            }

            return true;
        }
    }
}

/// <summary>One non-zero entry of the A or B matrix: constraint row, wire column and value.</summary>
internal readonly record struct Groth16Coefficient(int Matrix, int Constraint, int Wire, Fr Value);
