using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Pod.Gpc;
using Pod.Tests.Support;
using Xunit;

namespace Pod.Tests.Gpc;

public sealed class GpcPropertyTests
{
    private static readonly Config Runs = Config.QuickThrowOnFailure.WithMaxTest(150).WithReplay(0x5eed, 0xc0ffef);

    private static Arbitrary<GpcScenarios.Scenario> Scenarios => GpcScenarios.Scenarios.ToArbitrary();

    [Fact]
    public void PreProve_RandomConfigOverRandomPods_CompilesOrThrowsGpcConfigException()
    {
        int compiled = 0, refused = 0;
        Prop.ForAll(Scenarios, s =>
        {
            try
            {
                GpcCompiler.PreProve(s.Config, s.Inputs);
                compiled++;
            }
            catch (GpcConfigException e)
            {
                refused++;
                Assert.False(string.IsNullOrEmpty(e.Path));
                Assert.Contains(e.ParamName, new[] { "proofConfig", "proofInputs" });
            }
        }).Check(Runs);

        // The scenarios must exercise both outcomes, or the property says little.
        Assert.True(compiled >= 15, $"only {compiled} of {compiled + refused} scenarios compiled");
        Assert.True(refused >= 15, $"only {refused} of {compiled + refused} scenarios were refused");
    }

    [Property(MaxTest = 150, Replay = "24301,12648431")]
    public Property PreVerify_OfAnyCompiledProof_RebuildsItsPublicInputsAndOutputs() =>
        Prop.ForAll(Scenarios, s =>
        {
            if (!TryPreProve(s, out GpcProofPreparation? prepared))
            {
                return;
            }

            // As the verifier receives them: JSON.
            GpcBoundConfig bound = GpcJson.ParseBoundConfig(GpcJson.SerializeBoundConfig(prepared.BoundConfig));
            GpcRevealedClaims claims = GpcJson.ParseRevealedClaims(GpcJson.SerializeRevealedClaims(prepared.RevealedClaims));

            GpcVerifyPreparation verify = GpcVerifier.PreVerify(bound, claims);

            Assert.Same(prepared.Circuit, verify.Circuit);
            foreach (GpcCircuitSignal input in verify.PublicInputs)
            {
                Assert.Equal(prepared.Inputs[input.Name].Values, input.Values);
            }

            Assert.Equal(prepared.Outputs.SelectMany(o => o.Values), verify.Outputs.SelectMany(o => o.Values));
        });

    [Property(MaxTest = 150, Replay = "24301,12648431")]
    public Property Json_AnyCheckedConfigBoundConfigAndClaims_RoundTripByteForByte() =>
        Prop.ForAll(Scenarios, s =>
        {
            string? configJson = null;
            try
            {
                configJson = GpcJson.SerializeProofConfig(s.Config);
            }
            catch (GpcConfigException)
            {
                return;
            }

            Assert.Equal(configJson, GpcJson.SerializeProofConfig(GpcJson.ParseProofConfig(configJson)));
            if (TryPreProve(s, out GpcProofPreparation? prepared))
            {
                string bound = GpcJson.SerializeBoundConfig(prepared.BoundConfig);
                string claims = GpcJson.SerializeRevealedClaims(prepared.RevealedClaims);
                Assert.Equal(bound, GpcJson.SerializeBoundConfig(GpcJson.ParseBoundConfig(bound)));
                Assert.Equal(claims, GpcJson.SerializeRevealedClaims(GpcJson.ParseRevealedClaims(claims)));
                if (s.Inputs.MembershipLists is { } lists)
                {
                    string text = GpcJson.SerializeMembershipLists(lists);
                    Assert.Equal(text, GpcJson.SerializeMembershipLists(GpcJson.ParseMembershipLists(text)));
                }
            }
        });

    [Property(MaxTest = 150, Replay = "24301,12648431")]
    public Property BindConfig_Canonicalization_IdempotentAndIndependentOfOrder() =>
        Prop.ForAll(Scenarios, s =>
        {
            GpcBinding binding;
            try
            {
                binding = GpcCompiler.BindConfig(s.Config);
            }
            catch (GpcConfigException)
            {
                return;
            }

            string canonical = GpcJson.SerializeBoundConfig(binding.BoundConfig);
            Assert.Equal(canonical, GpcJson.SerializeBoundConfig(GpcCompiler.BindConfig(binding.BoundConfig.ToProofConfig()).BoundConfig));
            Assert.Equal(canonical, GpcJson.SerializeBoundConfig(GpcCompiler.BindConfig(Reversed(s.Config)).BoundConfig));
        });

    [Property(MaxTest = 150, Replay = "24301,12648431")]
    public Property PreProve_MembershipListsInAnyOrder_SameCircuitInputs() =>
        Prop.ForAll(Scenarios, s =>
        {
            if (s.Inputs.MembershipLists is null || !TryPreProve(s, out GpcProofPreparation? prepared))
            {
                return;
            }

            var reversed = new GpcProofInputs
            {
                Pods = s.Inputs.Pods.Reverse().ToDictionary(),
                Owner = s.Inputs.Owner,
                MembershipLists = s.Inputs.MembershipLists.Reverse().ToDictionary(l => l.Key, l => Reversed(l.Value)),
                Watermark = s.Inputs.Watermark,
            };

            GpcProofPreparation again = GpcCompiler.PreProve(Reversed(s.Config), reversed);

            Assert.Equal(prepared.Inputs.ToJson(), again.Inputs.ToJson());
            Assert.Equal(prepared.Outputs.ToJson(), again.Outputs.ToJson());
        });

    private static bool TryPreProve(GpcScenarios.Scenario s, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out GpcProofPreparation? prepared)
    {
        try
        {
            prepared = GpcCompiler.PreProve(s.Config, s.Inputs);
            return true;
        }
        catch (GpcConfigException)
        {
            prepared = null;
            return false;
        }
    }

    /// <summary>The same config with every map (PODs, entries, tuples) in reverse order.</summary>
    private static GpcProofConfig Reversed(GpcProofConfig config) => new()
    {
        CircuitIdentifier = config.CircuitIdentifier,
        Pods = config.Pods.Reverse().ToDictionary(p => p.Key, p => new GpcProofObjectConfig
        {
            Entries = p.Value.Entries.Reverse().ToDictionary(),
            ContentId = p.Value.ContentId,
            SignerPublicKey = p.Value.SignerPublicKey,
        }),
        UniquePods = config.UniquePods,
        Tuples = config.Tuples?.Reverse().ToDictionary(),
    };

    private static GpcMembershipList Reversed(GpcMembershipList list) =>
        list.IsTupleList ? GpcMembershipList.OfTuples(list.Elements.Reverse()) : GpcMembershipList.Of(list.Elements.Reverse().Select(e => e[0]));
}
