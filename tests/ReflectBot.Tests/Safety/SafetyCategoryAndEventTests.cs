using ReflectBot.Safety;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Safety;

public sealed class SafetyCategoryAndEventTests
{
    [Theory]
    [InlineData(SafetyCategory.None, "none", false)]
    [InlineData(SafetyCategory.CheckIn, "check-in", false)]
    [InlineData(SafetyCategory.SelfHarm, "self-harm", true)]
    [InlineData(SafetyCategory.Abuse, "abuse", true)]
    [InlineData(SafetyCategory.Emergency, "emergency", true)]
    [InlineData(SafetyCategory.HarmToOthers, "harm-to-others", true)]
    public void Wire_names_round_trip_and_crisis_categories_are_marked(SafetyCategory category, string wireName, bool isCrisis)
    {
        Assert.Equal(wireName, category.WireName());
        Assert.True(SafetyCategories.TryParse(wireName, out var parsed));
        Assert.Equal(category, parsed);
        Assert.Equal(isCrisis, category.IsCrisis());
        Assert.Equal(isCrisis, new ScreenResult(category, false, "x").IsCrisis);
    }

    [Fact]
    public void Severity_orders_emergency_self_harm_abuse_harm_to_others_check_in_none()
    {
        SafetyCategory[] expected = [SafetyCategory.Emergency, SafetyCategory.SelfHarm, SafetyCategory.Abuse, SafetyCategory.HarmToOthers, SafetyCategory.CheckIn, SafetyCategory.None];
        Assert.Equal(expected, Enum.GetValues<SafetyCategory>().OrderByDescending(c => c.Severity()));
        Assert.Equal(6, expected.Distinct().Select(c => c.Severity()).Distinct().Count());
    }

    [Theory]
    [InlineData("self harm")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("SelfHarm")]
    public void Unknown_wire_names_are_refused(string? wireName)
    {
        Assert.False(SafetyCategories.TryParse(wireName, out _));
    }

    [Fact]
    public void Conversation_ids_are_hashed_to_16_hex_characters_of_sha256()
    {
        // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
        Assert.Equal("ba7816bf8f01cfea", SafetyEvent.HashConversationId("abc"));
        Assert.Equal(SafetyEvent.HashConversationId("19:abc@thread.v2"), SafetyEvent.HashConversationId("19:abc@thread.v2"));
        Assert.NotEqual(SafetyEvent.HashConversationId("conv-1"), SafetyEvent.HashConversationId("conv-2"));
    }

    [Fact]
    public void A_safety_event_carries_no_message_text_or_raw_conversation_id()
    {
        const string message = "I want to kill myself tonight";
        var screener = CrisisScreener.Load(RepoPaths.ContentRoot);
        var result = screener.Screen(message);
        var safetyEvent = SafetyEvent.From(result, "conversation-42", "en-GB");

        Assert.Equal(new SafetyEvent("emergency", SafetyEvent.HashConversationId("conversation-42"), "en-GB", result.RuleId!), safetyEvent);
        var logged = safetyEvent.ToString();
        Assert.DoesNotContain("kill", logged, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("conversation-42", logged);
    }

    [Fact]
    public void A_none_result_logs_as_none()
    {
        var safetyEvent = SafetyEvent.From(ScreenResult.None, "c", null);
        Assert.Equal(("none", "", "none"), (safetyEvent.Category, safetyEvent.Locale, safetyEvent.RuleId));
    }
}
