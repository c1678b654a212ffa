namespace Buurtkracht.Core.Privacy;

/// <summary>Section "Privacy": how long personal data is kept beyond what each feature keeps, and how residents reach SWA.</summary>
public sealed class PrivacyOptions
{
    public const string SectionName = "Privacy";

    /// <summary>A member who is in no group any more and wrote nothing for this long is anonymised (members with a role are not).</summary>
    public TimeSpan InactiveMemberAfter { get; set; } = TimeSpan.FromDays(365);

    /// <summary>The text of a delivered outbox message is cleared this long after it was sent.</summary>
    public TimeSpan OutboxTextAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>/mijngegevens files are deleted this long after they were made (the outbox has sent them by then).</summary>
    public TimeSpan ExportFilesAfter { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How often the retention job runs.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The /privacy line on how to reach SWA (a phone number, an address); empty: "ask your dorpsmakelaar".</summary>
    public string? Contact { get; set; }

    /// <summary>{1} in the /privacy text: the inactivity period in whole months.</summary>
    public int InactiveMonths => (int)Math.Round(InactiveMemberAfter.TotalDays / 30.4);
}
