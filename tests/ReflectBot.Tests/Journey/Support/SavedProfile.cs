using System.Text.Json;
using System.Text.Json.Nodes;
using ReflectBot.Framework.Schema;
using ReflectBot.Framework.State;
using ReflectBot.State;

namespace ReflectBot.Tests.Journey.Support;

/// <summary>Reads what the bot stored about a user, as the next visit would find it.</summary>
internal static class SavedProfile
{
    public static async Task<UserProfile> ReadAsync(IStorage storage, string channelId = Channels.TestButtons, string userId = "user1")
    {
        var key = UserState.KeyFor(channelId, userId);
        var items = await storage.ReadAsync([key]);
        Assert.True(items.ContainsKey(key), $"nothing stored under {key}");
        var document = JsonNode.Parse(((StoreItem)items[key]).Json)!.AsObject();
        return document["profile"].Deserialize(BotStateJson.Default.UserProfile) ?? throw new InvalidOperationException("no profile stored");
    }
}
