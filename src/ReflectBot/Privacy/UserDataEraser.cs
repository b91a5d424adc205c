using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using ReflectBot.Framework.Builder;
using ReflectBot.Framework.State;
using ReflectBot.Framework.Storage;
using ReflectBot.State;

namespace ReflectBot.Privacy;

/// <summary>Whose data to erase: the user, and the storage keys of every conversation they had.</summary>
/// <param name="ChannelId">The channel the user is known on.</param>
/// <param name="UserId">The user's id on that channel.</param>
/// <param name="StorageKeys">The user-state key and every conversation-state key of the user.</param>
public sealed record UserDataScope(string ChannelId, string UserId, IReadOnlyList<string> StorageKeys);

/// <summary>
/// Anything besides the bot state that keeps data about a user (a transcript store, say) registers one of
/// these, so "delete my data" reaches it too.
/// </summary>
public interface IUserDataStore
{
    Task DeleteUserDataAsync(UserDataScope scope, CancellationToken cancellationToken);
}

/// <summary>
/// Erases everything ReflectBot keeps about the user of a turn: their user state (profile, saved statements,
/// plans, scorecards), every conversation state listed in <see cref="UserProfile.ConversationKeys"/> plus the
/// current one, and whatever each <see cref="IUserDataStore"/> holds. With the SQLite store it then compacts the
/// file, because SQLite leaves deleted rows' bytes in free pages until the file is rebuilt.
/// </summary>
public sealed partial class UserDataEraser(ReflectBotState state, IStorage storage, IEnumerable<IUserDataStore> otherStores, ILogger<UserDataEraser> logger)
{
    /// <summary>
    /// Erases the data and drops this turn's cached copies, so the end-of-turn save writes nothing back.
    /// Throws when the store fails; then nothing is claimed to be deleted.
    /// </summary>
    public async Task EraseAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var profile = await state.Profile.GetAsync(turnContext, () => new UserProfile(), cancellationToken).ConfigureAwait(false);
        var userKey = state.UserState.StorageKeyFor(turnContext);
        var keys = new List<string> { userKey, state.ConversationState.StorageKeyFor(turnContext) };
        keys.AddRange(profile.ConversationKeys);
        var scope = new UserDataScope(turnContext.Activity.ChannelId ?? "", turnContext.Activity.From?.Id ?? "", [.. keys.Distinct(StringComparer.Ordinal)]);

        await storage.DeleteAsync([.. scope.StorageKeys], cancellationToken).ConfigureAwait(false);

        // BotState.DeleteAsync removes the turn's cached copy (and deletes the key again, harmlessly).
        await state.ConversationState.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);
        await state.UserState.DeleteAsync(turnContext, cancellationToken).ConfigureAwait(false);

        foreach (var store in otherStores)
        {
            await store.DeleteUserDataAsync(scope, cancellationToken).ConfigureAwait(false);
        }

        if (storage is SqliteStorage sqlite)
        {
            await SqliteCompaction.CompactAsync(sqlite.FilePath, cancellationToken).ConfigureAwait(false);
        }

        LogErased(scope.StorageKeys.Count);
    }

    [LoggerMessage(EventId = 4200, EventName = "UserDataErased", Level = LogLevel.Information, Message = "Erased a user's data on request ({KeyCount} stored documents)")]
    private partial void LogErased(int keyCount);
}

/// <summary>
/// Rebuilds a SQLite store file so deleted documents leave no bytes behind: SQLite only marks deleted rows'
/// space as free, and in WAL mode older page versions also sit in the -wal file until a checkpoint.
/// </summary>
public static class SqliteCompaction
{
    public static async Task CompactAsync(string filePath, CancellationToken cancellationToken)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = filePath, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();
        try
        {
            await using var connection = new SqliteConnection(connectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "PRAGMA busy_timeout=10000;", cancellationToken).ConfigureAwait(false);

            // Fold the WAL into the file, rebuild the file from live rows only, then fold and empty the WAL again.
            await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "VACUUM;", cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);", cancellationToken).ConfigureAwait(false);
        }
        catch (SqliteException ex)
        {
            throw new StorageUnavailableException($"Compacting the SQLite store at '{filePath}' failed (SQLite error {ex.SqliteErrorCode}).", ex);
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
