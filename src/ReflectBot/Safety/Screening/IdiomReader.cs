using ReflectBot.Content;
using ReflectBot.Understanding.Patterns;

namespace ReflectBot.Safety.Screening;

/// <summary>
/// The <c>idioms</c> section: everyday phrases that drop a rule match they cover ("this job is killing me"). Their
/// gaps stay in one clause; those marked covers_frame_ends may also drop a frame match they start inside.
/// </summary>
internal sealed record ScreeningIdioms(List<PhrasePattern> All, List<PhrasePattern> FrameEnds)
{
    public static ScreeningIdioms Read(ContentNode list, ScreeningFile file)
    {
        var idioms = new ScreeningIdioms([], []);
        var index = 0;
        foreach (var node in list.Items())
        {
            node.RequireOnlyKeys("id", "covers_frame_ends", "patterns", "examples");
            var id = file.ReadId(node);
            var coversFrameEnds = node.TryGet("covers_frame_ends")?.Bool() ?? false;
            foreach (var patternNode in node.Get("patterns").Items())
            {
                var pattern = PatternParser.Parse(patternNode, index, file.Context, gapsStayInClause: true);
                idioms.All.Add(pattern);
                if (coversFrameEnds)
                {
                    idioms.FrameEnds.Add(pattern);
                }
            }

            file.AddExamples(node, SafetyCategory.None, id);
            index++;
        }

        return idioms;
    }
}
