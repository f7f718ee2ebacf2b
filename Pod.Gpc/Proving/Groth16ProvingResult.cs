using System.Text;
using Pod.Cryptography.Fields;

namespace Pod.Gpc.Proving;

/// <summary>A Groth16 proof and its public signals, as snarkjs's <c>groth16.fullProve</c> returns them.</summary>
public sealed class Groth16ProvingResult
{
    internal Groth16ProvingResult(Groth16Proof proof, Fr[] publicSignals)
    {
        Proof = proof;
        PublicSignals = publicSignals;
    }

    /// <summary>The proof.</summary>
    public Groth16Proof Proof { get; }

    /// <summary>The public signals: witness elements 1 to nPublic (outputs, then public inputs).</summary>
    public IReadOnlyList<Fr> PublicSignals { get; }

    /// <summary>The public signals as snarkjs writes <c>public.json</c>: decimal strings, one-space indentation.</summary>
    public string PublicSignalsToJson()
    {
        if (PublicSignals.Count == 0)
        {
            return "[]";
        }

        var text = new StringBuilder("[");
        for (int i = 0; i < PublicSignals.Count; i++)
        {
            text.Append(i == 0 ? "\n \"" : ",\n \"").Append(PublicSignals[i].ToString()).Append('"');
        }

        return text.Append("\n]").ToString();
    }
}
