using System.Runtime.CompilerServices;
using ReflectBot.Framework.State;

namespace ReflectBot.Framework.Tests;

internal static class StrictStateJson
{
    /// <summary>These tests run the runtime as ReflectBot does: an unregistered type is an error, never reflected over.</summary>
    [ModuleInitializer]
    internal static void RequireRegistration() => StateJson.RequireRegistration = true;
}
