using ReflectBot.Framework.Builder;
using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Testing;

/// <summary>
/// Replays a recorded conversation against a bot: the user's activities are sent in order and each bot
/// activity must come back in order with the same text, attachment content types and button titles.
/// Typing is skipped on both sides (its timing is not part of the conversation).
/// </summary>
public static class TranscriptReplay
{
    public static async Task ReplayAsync(string transcriptPath, TestAdapter adapter, IBot bot)
    {
        var transcript = await TranscriptFile.ReadAsync(transcriptPath).ConfigureAwait(false);
        await new TestFlow(adapter, bot).ReplayTranscript(transcript, Path.GetFileName(transcriptPath)).StartTestAsync().ConfigureAwait(false);
    }

    public static TestFlow ReplayTranscript(this TestFlow flow, IEnumerable<Activity> transcript, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(flow);
        ArgumentNullException.ThrowIfNull(transcript);
        var activities = transcript.ToList();
        var adapter = flow.Adapter;
        var userId = activities.FirstOrDefault(IsUser)?.From?.Id;
        var botId = activities.FirstOrDefault(IsUser)?.Recipient?.Id ?? activities.FirstOrDefault(IsBot)?.From?.Id;
        for (var i = 0; i < activities.Count; i++)
        {
            var recorded = activities[i];
            var where = $"{name ?? "transcript"} activity {i}";
            if (IsUser(recorded))
            {
                flow = flow.Send(ForResend(recorded, adapter, userId, botId));
            }
            else if (IsBot(recorded) && !recorded.IsType(ActivityTypes.Typing) && !recorded.IsType(ActivityTypes.Trace))
            {
                flow = flow.Then(() => SkipTyping(adapter)).AssertReply(actual => Compare(recorded, (Activity)actual, where), where);
            }
        }

        return flow.Then(() => SkipTyping(adapter)).AssertNoReply($"{name ?? "transcript"} end");
    }

    private static bool IsUser(Activity a) => string.Equals(a.From?.Role, RoleTypes.User, StringComparison.OrdinalIgnoreCase);

    private static bool IsBot(Activity a) => string.Equals(a.From?.Role, RoleTypes.Bot, StringComparison.OrdinalIgnoreCase);

    /// <summary>A copy the adapter can address: ids, conversation and timestamps are the adapter's, members mapped to its user and bot.</summary>
    private static Activity ForResend(Activity recorded, TestAdapter adapter, string? userId, string? botId)
    {
        var copy = TranscriptFile.Clone(recorded);
        copy.Id = null;
        copy.From = null;
        copy.Recipient = null;
        copy.Conversation = null;
        copy.ServiceUrl = null;
        copy.Timestamp = null;
        copy.LocalTimestamp = null;
        copy.ReplyToId = null;
        copy.MembersAdded = copy.MembersAdded?.Select(m => Map(m, adapter, userId, botId)).ToList();
        copy.MembersRemoved = copy.MembersRemoved?.Select(m => Map(m, adapter, userId, botId)).ToList();
        return copy;
    }

    private static ChannelAccount Map(ChannelAccount member, TestAdapter adapter, string? userId, string? botId) =>
        member.Id == userId ? adapter.Conversation.User! : member.Id == botId ? adapter.Conversation.Bot! : member;

    private static Task SkipTyping(TestAdapter adapter)
    {
        while (adapter.PeekReplies() is [{ } next, ..] && next.IsType(ActivityTypes.Typing))
        {
            adapter.GetNextReply();
        }

        return Task.CompletedTask;
    }

    private static void Compare(Activity expected, Activity actual, string where)
    {
        var problems = new List<string>();
        if (!string.Equals(expected.Type ?? ActivityTypes.Message, actual.Type, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"type {actual.Type} instead of {expected.Type}");
        }

        if ((expected.Text ?? "") != (actual.Text ?? ""))
        {
            problems.Add($"text \"{actual.Text}\" instead of \"{expected.Text}\"");
        }

        var expectedTypes = expected.Attachments?.Select(a => a.ContentType).ToList() ?? [];
        var actualTypes = actual.Attachments?.Select(a => a.ContentType).ToList() ?? [];
        if (!expectedTypes.SequenceEqual(actualTypes))
        {
            problems.Add($"attachments [{string.Join(", ", actualTypes)}] instead of [{string.Join(", ", expectedTypes)}]");
        }

        var expectedTitles = expected.SuggestedActions?.Actions.Select(a => a.Title).ToList() ?? [];
        var actualTitles = actual.SuggestedActions?.Actions.Select(a => a.Title).ToList() ?? [];
        if (!expectedTitles.SequenceEqual(actualTitles))
        {
            problems.Add($"buttons [{string.Join(" | ", actualTitles)}] instead of [{string.Join(" | ", expectedTitles)}]");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{where}: The bot's reply differs from the transcript: " + string.Join("; ", problems) + ".");
        }
    }
}
