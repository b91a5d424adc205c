using ReflectBot.Framework.Schema;

namespace ReflectBot.Framework.Testing;

/// <summary>
/// A reply checked in a test (<see cref="TestFlow.AssertReply(System.Action{IActivity}, string?, uint)"/> hands it over as
/// the SDK's <see cref="IActivity"/>) read as the activity it is: what a user would see of it, without a cast.
/// Test code only: production code reads typed activities through <c>AsMessageActivity()</c> and friends.
/// </summary>
public static class ReplyExtensions
{
    extension(IActivity reply)
    {
        public Activity Sent => (Activity)reply;

        public string? Text => ((Activity)reply).Text;

        public string? Speak => ((Activity)reply).Speak;

        public string? InputHint => ((Activity)reply).InputHint;

        public string? Locale => ((Activity)reply).Locale;

        public string? Name => ((Activity)reply).Name;

        public object? Value => ((Activity)reply).Value;

        public SuggestedActions? SuggestedActions => ((Activity)reply).SuggestedActions;

        public IList<Attachment>? Attachments => ((Activity)reply).Attachments;

        public string? AttachmentLayout => ((Activity)reply).AttachmentLayout;

        public bool IsType(string type) => ((Activity)reply).IsType(type);
    }
}
