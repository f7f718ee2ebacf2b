using Pod.Issuers.Tls.Storage;

namespace Pod.Tests.Issuers;

public sealed class InMemoryTlsIssuerStoreTests : TlsIssuerStoreContractTests
{
    protected override bool SurvivesRestart => false;

    protected override ITlsIssuerStore CreateStore() => new InMemoryTlsIssuerStore();
}
