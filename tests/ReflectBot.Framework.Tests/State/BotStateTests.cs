using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Tests.State;

/// <summary>How conversation state reads and writes its stored document: only what a turn changed, in place.</summary>
public class BotStateTests
{
    private const string Key = "test/conversations/conv-1";

    [Fact]
    public async Task Properties_the_turn_did_not_touch_are_written_back_as_stored_and_in_their_place()
    {
        var storage = await StorageWith("""{"other":{"kept":["a",1,true,null],"text":"it\u0027s"},"count":1,"last":"x"}""");
        var (state, turn) = Turn(storage);
        var count = state.CreateProperty<int>("count");

        Assert.Equal(1, await count.GetAsync(turn));
        await count.SetAsync(turn, 2);
        await state.SaveChangesAsync(turn);

        Assert.Equal("""{"other":{"kept":["a",1,true,null],"text":"it\u0027s"},"count":2,"last":"x"}""", await StoredAsync(storage));
    }

    [Fact]
    public async Task A_turn_that_only_reads_writes_nothing()
    {
        var storage = await StorageWith("""{"count":1,"name":"Sam"}""");
        var (state, turn) = Turn(storage);
        var before = (await storage.ReadAsync([Key])).Doc(Key).ETag;

        Assert.Equal("Sam", await state.CreateProperty<string>("name").GetAsync(turn));
        await state.SaveChangesAsync(turn);

        Assert.Equal(before, (await storage.ReadAsync([Key])).Doc(Key).ETag);
    }

    [Fact]
    public async Task New_properties_go_last_and_deleted_ones_are_gone()
    {
        var storage = await StorageWith("""{"a":1,"b":2}""");
        var (state, turn) = Turn(storage);

        await state.CreateProperty<string>("c").SetAsync(turn, "three");
        await state.CreateProperty<int>("a").DeleteAsync(turn);
        await state.SaveChangesAsync(turn);

        Assert.Equal("""{"b":2,"c":"three"}""", await StoredAsync(storage));
    }

    [Theory]
    [InlineData("""{"count":null}""")]
    [InlineData("""{"count":"not a number"}""")]
    [InlineData("""[1,2]""")]
    [InlineData("""{}""")]
    public async Task A_value_that_is_null_missing_or_of_another_shape_reads_as_absent(string stored)
    {
        var storage = await StorageWith(stored);
        var (state, turn) = Turn(storage);

        Assert.Equal(7, await state.CreateProperty<int>("count").GetAsync(turn, () => 7));
    }

    [Fact]
    public async Task A_broken_document_fails_the_load()
    {
        var storage = await StorageWith("""{"count":1""");
        var (state, turn) = Turn(storage);

        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => state.LoadAsync(turn));
    }

    [Fact]
    public async Task A_registered_type_is_found_by_name_alone_and_read_back_typed_by_a_new_process()
    {
        StateJson.Register(StateTestJson.Default);
        var storage = new MemoryStorage();
        var (state, turn) = Turn(storage);
        await state.CreateProperty<ReadingProgress>("progress").SetAsync(turn, new ReadingProgress { Chapter = 3, Title = "Listening" });
        await state.SaveChangesAsync(turn);

        var (restarted, nextTurn) = Turn(storage);
        var progress = await restarted.CreateProperty<ReadingProgress>("progress").GetAsync(nextTurn);

        Assert.Equal(3, progress.Chapter);
        Assert.Equal("Listening", progress.Title);
        Assert.Equal("""{"progress":{"chapter":3,"title":"Listening"}}""", await StoredAsync(storage));
    }

    [Fact]
    public void An_unregistered_type_fails_when_the_property_is_made_and_says_what_to_register()
    {
        var (state, _) = Turn(new MemoryStorage());

        var error = Assert.Throws<InvalidOperationException>(() => state.CreateProperty<NeverRegistered>("x"));

        Assert.Contains("NeverRegistered", error.Message);
        Assert.Contains("StateJson.Register", error.Message);
    }

    [Fact]
    public async Task A_dictionary_of_values_keeps_each_value_type_across_a_restart()
    {
        var storage = new MemoryStorage();
        var (state, turn) = Turn(storage);
        await state.CreateProperty<Dictionary<string, object?>>("bag").SetAsync(turn, new() { ["n"] = 2, ["big"] = 5_000_000_000L, ["half"] = 0.5, ["whole"] = 2.0, ["name"] = "Sam", ["on"] = true, ["none"] = null });
        await state.SaveChangesAsync(turn);

        var (restarted, nextTurn) = Turn(storage);
        var bag = await restarted.CreateProperty<Dictionary<string, object?>>("bag").GetAsync(nextTurn);

        Assert.IsType<int>(bag["n"]);
        Assert.IsType<long>(bag["big"]);
        Assert.Equal(0.5, Assert.IsType<double>(bag["half"]));
        Assert.Equal(2.0, Assert.IsType<double>(bag["whole"]));
        Assert.Equal("Sam", bag["name"]);
        Assert.Equal(true, bag["on"]);
        Assert.Null(bag["none"]);
    }

    private static async Task<MemoryStorage> StorageWith(string json)
    {
        var storage = new MemoryStorage();
        await storage.WriteAsync(new Dictionary<string, object> { [Key] = new StoreItem(json) });
        return storage;
    }

    private static async Task<string> StoredAsync(IStorage storage) => (await storage.ReadAsync([Key])).Doc(Key).Json;

    private static (ConversationState State, TurnContext Turn) Turn(IStorage storage)
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            ChannelId = "test",
            Conversation = new ConversationAccount { Id = "conv-1" },
            From = new ChannelAccount { Id = "user-1" },
        };
        return (new ConversationState(storage), new TurnContext(new NoSendAdapter(), activity));
    }

    private sealed class NoSendAdapter : BotAdapter
    {
        public override Task<ResourceResponse[]> SendActivitiesAsync(ITurnContext turnContext, Activity[] activities, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override Task<ResourceResponse> UpdateActivityAsync(ITurnContext turnContext, Activity activity, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public override Task DeleteActivityAsync(ITurnContext turnContext, ConversationReference reference, CancellationToken cancellationToken) =>
            throw new NotSupportedException();
    }
}

public sealed class ReadingProgress
{
    public int Chapter { get; set; }
    public string Title { get; set; } = "";
}

public sealed class NeverRegistered
{
    public int Value { get; set; }
}

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(ReadingProgress))]
internal sealed partial class StateTestJson : System.Text.Json.Serialization.JsonSerializerContext;
