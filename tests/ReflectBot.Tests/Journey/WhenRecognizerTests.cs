using ReflectBot.Content;
using ReflectBot.Journeys.Plan;
using ReflectBot.Tests.Support;

namespace ReflectBot.Tests.Journey;

public class WhenRecognizerTests
{
    private static readonly PlanContent Plan = PlanContent.Load(new ContentSource(RepoPaths.ContentRoot));
    private static readonly WhenRecognizer Recognizer = new(WhenLexicon.From(Plan.When.Words));

    // Wednesday 11 November 2026, 15:30 UTC.
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 15, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("Sunday evening", "2026-11-15 19:00")]
    [InlineData("after dinner tomorrow", "2026-11-12 20:00")]
    [InlineData("tomorrow after dinner", "2026-11-12 20:00")]
    [InlineData("tonight", "2026-11-11 20:00")]
    [InlineData("tomorrow at 7pm", "2026-11-12 19:00")]
    [InlineData("Friday at 19:00", "2026-11-13 19:00")]
    [InlineData("friday 7:30 pm", "2026-11-13 19:30")]
    [InlineData("Saturday morning", "2026-11-14 09:00")]
    [InlineData("at 8 on Thursday evening", "2026-11-12 20:00")]
    [InlineData("at 7 in the morning on monday", "2026-11-16 07:00")]
    [InlineData("6 o'clock", "2026-11-11 18:00")]
    [InlineData("7pm", "2026-11-11 19:00")]
    [InlineData("at lunch", "2026-11-12 12:30")]
    public void Days_and_times_resolve_in_the_users_week(string text, string expected)
    {
        var result = Recognizer.Recognize(text, Now);

        Assert.True(result.HasTime);
        Assert.Equal(expected, result.At!.Value.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(text, result.Text);
    }

    [Theory]
    [InlineData("tomorrow", "2026-11-12")]
    [InlineData("this weekend", "2026-11-14")]
    [InlineData("next weekend", "2026-11-21")]
    [InlineData("next week", "2026-11-16")]
    [InlineData("in two days", "2026-11-13")]
    [InlineData("in 3 days", "2026-11-14")]
    [InlineData("in a week", "2026-11-18")]
    [InlineData("in a couple of days", "2026-11-13")]
    [InlineData("the day after tomorrow", "2026-11-13")]
    [InlineData("Wednesday", "2026-11-11")]
    [InlineData("next Wednesday", "2026-11-18")]
    [InlineData("this coming Monday", "2026-11-16")]
    [InlineData("sometime on Sunday, when the kids are asleep", "2026-11-15")]
    public void Days_without_a_time_resolve_to_the_day(string text, string expected)
    {
        var result = Recognizer.Recognize(text, Now);

        Assert.False(result.HasTime);
        Assert.Equal(expected, result.At!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("when it feels right")]
    [InlineData("soon")]
    [InlineData("once the kids are settled")]
    [InlineData("2")]
    public void Unrecognised_words_are_kept_as_written(string text)
    {
        var result = Recognizer.Recognize(text, Now);

        Assert.False(result.IsRecognized);
        Assert.Equal(text, result.Text);
    }

    [Fact]
    public void A_weekday_named_on_that_day_after_its_time_has_passed_means_next_week()
    {
        Assert.Equal(new DateTime(2026, 11, 18, 9, 0, 0), Recognizer.Recognize("Wednesday morning", Now).At!.Value.DateTime);
        Assert.Equal(new DateTime(2026, 11, 11, 19, 0, 0), Recognizer.Recognize("Wednesday evening", Now).At!.Value.DateTime);
    }

    [Fact]
    public void Local_time_zone_decides_what_today_and_tonight_mean()
    {
        // 15:30 UTC on Wednesday is already 00:30 on Thursday in Tokyo.
        var tokyo = WhenRecognizer.ZoneOf("Asia/Tokyo");

        var tonight = Recognizer.Recognize("tonight", Now, tokyo).At!.Value;
        var tomorrow = Recognizer.Recognize("tomorrow evening", Now, tokyo).At!.Value;

        Assert.Equal(new DateTime(2026, 11, 12, 20, 0, 0), tonight.DateTime);
        Assert.Equal(TimeSpan.FromHours(9), tonight.Offset);
        Assert.Equal(new DateTime(2026, 11, 13, 19, 0, 0), tomorrow.DateTime);
    }

    [Fact]
    public void Evening_in_New_York_keeps_its_own_offset_and_an_unknown_zone_falls_back_to_UTC()
    {
        var result = Recognizer.Recognize("Sunday evening", Now, WhenRecognizer.ZoneOf("America/New_York"));

        Assert.Equal(new DateTime(2026, 11, 15, 19, 0, 0), result.At!.Value.DateTime);
        Assert.Equal(TimeSpan.FromHours(-5), result.At.Value.Offset);
        Assert.Equal(TimeZoneInfo.Utc, WhenRecognizer.ZoneOf("Not/AZone"));
        Assert.Equal(TimeZoneInfo.Utc, WhenRecognizer.ZoneOf(null));
    }

    [Fact]
    public void A_recognised_moment_is_shown_with_the_contents_date_pattern()
    {
        var result = Recognizer.Recognize("Sunday evening", Now);

        Assert.Equal("Sunday 15 November, 7:00 PM", Plan.FormatWhen(result.At!.Value, result.HasTime));
        Assert.Equal("Sunday 15 November", Plan.FormatWhen(Recognizer.Recognize("Sunday", Now).At!.Value, false));
    }
}
