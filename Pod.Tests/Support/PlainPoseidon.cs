using Pod.Cryptography.Fields;
using Pod.Cryptography.Hashing;

namespace Pod.Tests.Support;

/// <summary>
/// Poseidon evaluated round by round straight from the published constants, with dense matrices and
/// no rearrangement: the oracle the optimized evaluation is checked against.
/// </summary>
internal static class PlainPoseidon
{
    public static Fr Hash(ReadOnlySpan<Fr> inputs)
    {
        PoseidonParameters p = PoseidonParameters.ForInputs(inputs.Length);
        int t = p.Width;
        var state = new Fr[t];
        inputs.CopyTo(state.AsSpan(1));
        int rounds = p.FullRounds + p.PartialRounds;
        for (int round = 0; round < rounds; round++)
        {
            bool full = round < p.FullRounds / 2 || round >= (p.FullRounds / 2) + p.PartialRounds;
            for (int i = 0; i < t; i++)
            {
                state[i] += p.RoundConstants[(round * t) + i];
                if (full || i == 0)
                {
                    state[i] = Fr.Pow(state[i], 5);
                }
            }

            var mixed = new Fr[t];
            for (int i = 0; i < t; i++)
            {
                for (int j = 0; j < t; j++)
                {
                    mixed[i] += p.Mds[(i * t) + j] * state[j];
                }
            }

            state = mixed;
        }

        return state[0];
    }
}
