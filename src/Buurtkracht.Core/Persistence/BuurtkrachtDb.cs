using Buurtkracht.Core.Conversations;
using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Meldingen;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Buurtkracht.Core.Persistence;

/// <summary>The service's database. Entity configuration lives beside each feature's entities.</summary>
public sealed class BuurtkrachtDb(DbContextOptions<BuurtkrachtDb> options) : DbContext(options)
{
    public DbSet<Buurt> Buurten => Set<Buurt>();
    public DbSet<StreetGroup> StreetGroups => Set<StreetGroup>();
    public DbSet<GroupMembership> GroupMemberships => Set<GroupMembership>();
    public DbSet<Member> Members => Set<Member>();
    public DbSet<RoleAssignment> RoleAssignments => Set<RoleAssignment>();
    public DbSet<DialogState> DialogStates => Set<DialogState>();
    public DbSet<ProcessedUpdate> ProcessedUpdates => Set<ProcessedUpdate>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Melding> Meldingen => Set<Melding>();
    public DbSet<MeldingForward> MeldingForwards => Set<MeldingForward>();
    public DbSet<MeldingCategory> MeldingCategories => Set<MeldingCategory>();
    public DbSet<MeldingGroupSetting> MeldingGroupSettings => Set<MeldingGroupSetting>();
    public DbSet<MeldingFollower> MeldingFollowers => Set<MeldingFollower>();
    public DbSet<MeldingFeedback> MeldingFeedback => Set<MeldingFeedback>();

    public DbSet<Events.Event> Events => Set<Events.Event>();
    public DbSet<Events.EventOccurrence> EventOccurrences => Set<Events.EventOccurrence>();
    public DbSet<Events.EventRsvp> EventRsvps => Set<Events.EventRsvp>();
    public DbSet<Events.EventAnnouncement> EventAnnouncements => Set<Events.EventAnnouncement>();
    public DbSet<Events.EventReminderMessage> EventReminderMessages => Set<Events.EventReminderMessage>();
    public DbSet<Events.ScheduledNotice> EventNotices => Set<Events.ScheduledNotice>();
    public DbSet<Lease> Leases => Set<Lease>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<SyncMark> SyncMarks => Set<SyncMark>();

    /// <summary>
    /// Set by the writer loop for the length of a batch on SQLite (and cleared before the context goes back to the pool):
    /// the prepared statements <see cref="Messaging.Outbox.Enqueue"/> writes a turn's rows with.
    /// </summary>
    internal TurnStatements? Turn { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(BuurtkrachtDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder conventions)
    {
        // Instants as UTC milliseconds: sortable and comparable in SQL on SQLite and PostgreSQL alike.
        conventions.Properties<DateTimeOffset>().HaveConversion<UtcMillisecondsConverter>();
        conventions.Properties<ChannelKind>().HaveConversion<string>().HaveMaxLength(16);
        conventions.Properties<ChatKind>().HaveConversion<string>().HaveMaxLength(16);
        conventions.Properties<OutboxStatus>().HaveConversion<string>().HaveMaxLength(16);
        conventions.Properties<Role>().HaveConversion<string>().HaveMaxLength(16);
        // Lists (street lists, photo paths, an event's audience) are a JSON text column on both providers, as the
        // migrations made them: left to its defaults Npgsql maps them to arrays and fails to read the text column.
        conventions.Properties<List<string>>().HaveConversion<JsonListConverter<string>, ListComparer<string>>();
        conventions.Properties<List<int>>().HaveConversion<JsonListConverter<int>, ListComparer<int>>();
    }

    internal sealed class JsonListConverter<T>() : ValueConverter<List<T>, string>(
        v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
        v => JsonSerializer.Deserialize<List<T>>(v, (JsonSerializerOptions?)null) ?? new List<T>());

    internal sealed class ListComparer<T>() : ValueComparer<List<T>>(
        (a, b) => a == null ? b == null : b != null && a.SequenceEqual(b),
        v => v.Aggregate(0, (hash, item) => HashCode.Combine(hash, item!.GetHashCode())),
        v => v.ToList());

    internal sealed class UtcMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}
