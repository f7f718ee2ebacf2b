using Pod.Identity.Registry;

namespace Pod.Tests.Identity.Registry;

public sealed class InMemoryNullifierStoreTests : NullifierStoreContractTests<ObjectDisposedException>
{
    protected override bool SurvivesRestart => false;

    protected override INullifierStore CreateStore() => new InMemoryNullifierStore();

    // A memory store has no backing to fail; the one way it cannot answer is being closed.
    protected override INullifierStore CreateFailingStore()
    {
        var store = new InMemoryNullifierStore();
        store.Dispose();
        return store;
    }
}
