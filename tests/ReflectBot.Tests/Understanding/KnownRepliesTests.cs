using ReflectBot.Content;
using ReflectBot.Tests.Support;
using ReflectBot.Understanding;

namespace ReflectBot.Tests.Understanding;

/// <summary>The bot's own replies, gathered from the content, so the cheap path can settle a message that is one of them.</summary>
public sealed class KnownRepliesTests
{
    private static readonly KnownReplies Shipped = KnownReplies.Load(new ContentSource(RepoPaths.ContentRoot));

    [Theory]
    [InlineData("Plan next steps")]
    [InlineData("say it with \"i feel\"")]
    [InlineData("is my partner emotionally unavailable")]
    [InlineData("No, keep it")]
    [InlineData("  how does this work ")]
    [InlineData("Add it to my plan")]
    public void Button_titles_synonyms_and_commands_from_the_content_are_known(string text) =>
        Assert.True(Shipped.Contains(text), text);

    [Theory]
    [InlineData("I want to end it. I'm done.")]
    [InlineData("plan next steps because I can't go on")]
    [InlineData("")]
    public void Anything_else_is_not(string text) => Assert.False(Shipped.Contains(text), text);

    [Fact]
    public void Checking_a_message_allocates_nothing()
    {
        Shipped.Contains("we keep arguing about the dishes");
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            Shipped.Contains("we keep arguing about the dishes");
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
