using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Tests.State;

public sealed class MemoryStorageTests : StorageContractTests
{
    protected override IStorage CreateStorage(TimeProvider clock) => new MemoryStorage(clock);
}
