namespace Buurtkracht.Core;

/// <summary>Start-up progress: the database is migrated and seeded. Inbound work waits for it.</summary>
public sealed class ServiceReadiness
{
    private readonly TaskCompletionSource _database = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool DatabaseReady => _database.Task.IsCompleted;

    public Task WhenDatabaseReady => _database.Task;

    public void MarkDatabaseReady() => _database.TrySetResult();
}
