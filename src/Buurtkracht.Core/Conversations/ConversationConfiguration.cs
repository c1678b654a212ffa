using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Buurtkracht.Core.Conversations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<DialogState>, IEntityTypeConfiguration<ProcessedUpdate>
{
    public void Configure(EntityTypeBuilder<DialogState> state)
    {
        state.ToTable("DialogStates");
        state.HasKey(s => new { s.Channel, s.ChatId, s.UserId });
        state.Property(s => s.ChatId).HasMaxLength(256);
        state.Property(s => s.UserId).HasMaxLength(128);
        state.Property(s => s.DialogName).HasMaxLength(64);
        state.Property(s => s.StepId).HasMaxLength(64);
        state.HasIndex(s => s.UpdatedAt);
    }

    public void Configure(EntityTypeBuilder<ProcessedUpdate> update)
    {
        update.ToTable("ProcessedUpdates");
        update.HasKey(u => u.Key);
        update.Property(u => u.Key).HasMaxLength(200);
        update.HasIndex(u => u.ProcessedAt);
    }
}
