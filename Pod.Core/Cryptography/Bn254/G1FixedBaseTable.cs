using System.Numerics;
using Pod.Cryptography.Fields;

namespace Pod.Cryptography.Bn254;

/// <summary>
/// Affine multiples j * 16^i * B (i &lt; 64, j &lt; 16) of a fixed G1 point, so that k * B for k &lt; 2^256 needs
/// 64 mixed additions and no doubling. Used for a verification key's IC points, which every proof
/// multiplies by its public signals. Variable time (public data).
/// </summary>
internal sealed class G1FixedBaseTable
{
    private const int Rows = 64;
    private const int Columns = 16;

    private readonly CurvePoint<Fq>[] _entries = new CurvePoint<Fq>[Rows * Columns];

    public G1FixedBaseTable(in CurvePoint<Fq> basePoint)
    {
        var jacobian = new JacobianPoint<Fq>[Rows * Columns];
        JacobianPoint<Fq> rowBase = basePoint.ToJacobian();
        for (int i = 0; i < Rows; i++)
        {
            jacobian[i * Columns] = JacobianPoint<Fq>.Infinity;
            for (int j = 1; j < Columns; j++)
            {
                jacobian[(i * Columns) + j] = JacobianPoint<Fq>.Add(jacobian[(i * Columns) + j - 1], rowBase);
            }

            rowBase = JacobianPoint<Fq>.Double(JacobianPoint<Fq>.Double(JacobianPoint<Fq>.Double(JacobianPoint<Fq>.Double(rowBase))));
        }

        Normalize(jacobian, _entries);
    }

    public JacobianPoint<Fq> Multiply(BigInteger scalar)
    {
        JacobianPoint<Fq> result = JacobianPoint<Fq>.Infinity;
        byte[] bytes = scalar.ToByteArray(isUnsigned: true, isBigEndian: false);
        for (int i = 0; i < bytes.Length && i < Rows / 2; i++)
        {
            int low = bytes[i] & 0xF, high = bytes[i] >> 4;
            if (low != 0)
            {
                result = JacobianPoint<Fq>.AddAffine(result, _entries[(2 * i * Columns) + low]);
            }

            if (high != 0)
            {
                result = JacobianPoint<Fq>.AddAffine(result, _entries[(((2 * i) + 1) * Columns) + high]);
            }
        }

        return result;
    }

    /// <summary>To affine with one inversion for all points (Montgomery's trick).</summary>
    private static void Normalize(JacobianPoint<Fq>[] points, CurvePoint<Fq>[] affine)
    {
        var prefix = new Fq[points.Length];
        Fq running = Fq.One;
        for (int i = 0; i < points.Length; i++)
        {
            prefix[i] = running;
            if (!points[i].IsInfinity)
            {
                running *= points[i].Z;
            }
        }

        Fq inverse = Fq.InverseVartime(running);
        for (int i = points.Length - 1; i >= 0; i--)
        {
            if (points[i].IsInfinity)
            {
                affine[i] = CurvePoint<Fq>.Infinity;
                continue;
            }

            Fq zInverse = inverse * prefix[i];
            inverse *= points[i].Z;
            Fq zInverse2 = Fq.Square(zInverse);
            affine[i] = new CurvePoint<Fq>(points[i].X * zInverse2, points[i].Y * zInverse2 * zInverse);
        }
    }
}
