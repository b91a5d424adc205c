namespace ReflectBot.Framework.Dialogs.Prompts;

/// <summary>How one language joins choices and says yes and no (the SDK's model of the same name).</summary>
public class PromptCultureModel
{
    /// <summary>The culture, lower case (<c>en-us</c>).</summary>
    public string Locale { get; set; } = "";

    public string Separator { get; set; } = ", ";

    public string InlineOr { get; set; } = " or ";

    public string InlineOrMore { get; set; } = ", or ";

    public string YesInLanguage { get; set; } = "Yes";

    public string NoInLanguage { get; set; } = "No";
}

/// <summary>The languages prompts render their choices in, and the nearest one to a locale.</summary>
public static class PromptCultureModels
{
    public static PromptCultureModel Bulgarian => Model(Culture.Bulgarian, " или ", ", или ", "да", "Не");

    public static PromptCultureModel Chinese => Model(Culture.Chinese, " 要么 ", "， 要么 ", "是的", "不", separator: "， ");

    public static PromptCultureModel Dutch => Model(Culture.Dutch, " of ", ", of ", "Ja", "Nee");

    public static PromptCultureModel English => Model(Culture.English, " or ", ", or ", "Yes", "No");

    public static PromptCultureModel French => Model(Culture.French, " ou ", ", ou ", "Oui", "Non");

    public static PromptCultureModel German => Model(Culture.German, " oder ", ", oder ", "Ja", "Nein");

    public static PromptCultureModel Hindi => Model(Culture.Hindi, " या ", ", या ", "हां", "नहीं");

    public static PromptCultureModel Italian => Model(Culture.Italian, " o ", " o ", "Si", "No");

    public static PromptCultureModel Japanese => Model(Culture.Japanese, " または ", "、 または ", "はい", "いいえ", separator: "、 ");

    public static PromptCultureModel Korean => Model(Culture.Korean, " 또는 ", " 또는 ", "예", "아니");

    public static PromptCultureModel Portuguese => Model(Culture.Portuguese, " ou ", ", ou ", "Sim", "Não");

    public static PromptCultureModel Spanish => Model(Culture.Spanish, " o ", ", o ", "Sí", "No");

    public static PromptCultureModel Swedish => Model(Culture.Swedish, " eller ", " eller ", "Ja", "Nej");

    public static PromptCultureModel Turkish => Model(Culture.Turkish, " veya ", " veya ", "Evet", "Hayır");

    public static PromptCultureModel[] GetSupportedCultures() =>
        [Bulgarian, Chinese, Dutch, English, French, German, Hindi, Italian, Japanese, Korean, Portuguese, Spanish, Swedish, Turkish];

    /// <summary>The supported culture nearest to <paramref name="cultureCode"/> ("EN" and "en-GB" give "en-us"); the code itself when none is near.</summary>
    public static string? MapToNearestLanguage(string? cultureCode)
    {
        if (string.IsNullOrWhiteSpace(cultureCode))
        {
            return cultureCode;
        }

        var code = cultureCode.ToLowerInvariant().Replace('_', '-');
        var supported = GetSupportedCultures();
        if (supported.Any(c => c.Locale == code))
        {
            return code;
        }

        var language = code.Split('-')[0];
        return supported.FirstOrDefault(c => c.Locale.StartsWith(language + "-", StringComparison.Ordinal))?.Locale ?? code;
    }

    private static PromptCultureModel Model(string locale, string or, string orMore, string yes, string no, string separator = ", ") => new()
    {
        Locale = locale,
        Separator = separator,
        InlineOr = or,
        InlineOrMore = orMore,
        YesInLanguage = yes,
        NoInLanguage = no,
    };
}

/// <summary>Culture codes, as the SDK's recognizers name them.</summary>
public static class Culture
{
    public const string Bulgarian = "bg-bg";
    public const string Chinese = "zh-cn";
    public const string Dutch = "nl-nl";
    public const string English = "en-us";
    public const string EnglishOthers = "en-*";
    public const string French = "fr-fr";
    public const string German = "de-de";
    public const string Hindi = "hi-in";
    public const string Italian = "it-it";
    public const string Japanese = "ja-jp";
    public const string Korean = "ko-kr";
    public const string Portuguese = "pt-br";
    public const string Spanish = "es-es";
    public const string SpanishMexican = "es-mx";
    public const string Swedish = "sv-se";
    public const string Turkish = "tr-tr";
}
