using Buurtkracht.Core.Groups;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;

namespace Buurtkracht.Core.Meldingen;

/// <summary>The three Buurtkracht themes a melding falls under.</summary>
public enum MeldingTheme
{
    Schoon,
    Heel,
    Veilig,
}

/// <summary>Where a melding is, as the resident hears it: ontvangen, in behandeling, afgehandeld.</summary>
public enum MeldingStatus
{
    Ontvangen,
    InBehandeling,
    Afgehandeld,
}

/// <summary>How forwarding a melding to one sink went.</summary>
public enum ForwardingState
{
    /// <summary>Not tried yet.</summary>
    Pending,

    /// <summary>
    /// Committed just before the sink is called: a forward found in this state was interrupted (a crash, a lost save)
    /// and may have reached the other side, so its retry is marked <see cref="MeldingForward.PossibleDuplicate"/>.
    /// </summary>
    Sending,

    Forwarded,

    /// <summary>The last attempt failed; retried at <see cref="MeldingForward.NextAttemptAt"/>. Never given up.</summary>
    Failed,
}

/// <summary>
/// A report of a problem in the public space (FIXI-style). Name, e-mail, description, location and photos are
/// personal data: never log them above Debug.
/// </summary>
public sealed class Melding
{
    public int Id { get; set; }

    /// <summary>What the resident quotes: BK-{year}-{6-digit sequence}, for example BK-2026-000123.</summary>
    public string Reference { get; set; } = "";

    public int Year { get; set; }
    public int Sequence { get; set; }

    public MeldingTheme Theme { get; set; }
    public int CategoryId { get; set; }
    public MeldingCategory? Category { get; set; }

    /// <summary>The category name (Dutch) as it was when the melding was made; renaming a category leaves history alone.</summary>
    public string CategoryName { get; set; } = "";

    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>
    /// The address: the BAG's ("Kerkstraat 12") when the geocoder placed it, for a shared location the nearest one, or as
    /// typed while <see cref="AddressToCheck"/>; null when a shared location has no address near it.
    /// </summary>
    public string? Address { get; set; }

    /// <summary>The street of the address, for the group notice.</summary>
    public string? Street { get; set; }

    /// <summary>The BAG postcode ("2951AB") of a placed address.</summary>
    public string? Postcode { get; set; }

    /// <summary>The woonplaats of a placed address.</summary>
    public string? Town { get; set; }

    /// <summary>The Locatieserver id of the placed address ("adr-…").</summary>
    public string? BagId { get; set; }

    /// <summary>
    /// "Adres nog controleren": the geocoder could not be reached when the resident typed the address, so it is kept as
    /// typed. The forwarding job checks it again before sending; the coördinator sees the mark until then.
    /// </summary>
    public bool AddressToCheck { get; set; }

    public string Description { get; set; } = "";

    /// <summary>Full paths of the stored photos, under the data folder.</summary>
    public List<string> PhotoPaths { get; set; } = [];

    public bool Anonymous { get; set; }
    public string? ReporterName { get; set; }
    public string? ReporterEmail { get; set; }

    /// <summary>The chat the melding was made in; status updates go there.</summary>
    public ChannelKind Channel { get; set; }
    public string ChatId { get; set; } = "";

    /// <summary>Made in the web chat's demo: kept, but forwarded to no sink unless WebChat:ForwardMeldingen is set.</summary>
    public bool IsDemo { get; set; }

    public int? MemberId { get; set; }
    public Member? Member { get; set; }

    /// <summary>The resident's language when the melding was made, for the status updates.</summary>
    public string Language { get; set; } = Languages.Dutch;

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Changed only through <see cref="SetStatus"/>, so no change can skip the history the digest reads.</summary>
    public MeldingStatus Status { get; private set; }
    public string? StatusNotes { get; set; }

    /// <summary>Every status the melding had, with when: the digest counts per period from these, not from today's status.</summary>
    public List<MeldingStatusChange> StatusChanges { get; set; } = [];

    /// <summary>When name, e-mail and photos were wiped after the retention period.</summary>
    public DateTimeOffset? PersonalDataRemovedAt { get; set; }

    public List<MeldingForward> Forwards { get; set; } = [];

    /// <summary>The answers to the municipality's extra questions (Open311 service definition attributes).</summary>
    public List<MeldingAttribute> Attributes { get; set; } = [];

    /// <summary>Set on a melding made because a resident said the earlier one was not solved ("heropend").</summary>
    public int? ReopenedFromId { get; set; }

    public ChatAddress Chat => new(Channel, ChatId);

    /// <summary>What the coördinator reads beside an address kept as typed.</summary>
    public const string AddressToCheckLabel = "adres nog controleren";

    /// <summary>
    /// The place as one line: "Kerkstraat 12, 2951 AB Alblasserdam", the address as typed with "(adres nog controleren)",
    /// or the coordinates.
    /// </summary>
    public string PlaceLine =>
        Address is { } address
            ? (Town is { } town ? Places.BagAddress.Format(address, Postcode, town) : address) + (AddressToCheck ? $" ({AddressToCheckLabel})" : "")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Latitude:F5}, {Longitude:F5}");

    /// <summary>
    /// Sets the status and adds a history row, saved by the same SaveChanges as the status itself. A new melding records
    /// its first status too; a stored one only a real change. True when a row was added.
    /// </summary>
    public bool SetStatus(MeldingStatus status, DateTimeOffset at)
    {
        if (status == Status && (Id != 0 || StatusChanges.Count > 0)) return false;
        Status = status;
        StatusChanges.Add(new MeldingStatusChange { Status = status, At = at });
        return true;
    }
}

/// <summary>
/// One status a melding got, and when. Holds no personal data, so the purge after the retention period leaves it alone;
/// it goes with its melding (cascade).
/// </summary>
public sealed class MeldingStatusChange
{
    public int Id { get; set; }
    public int MeldingId { get; set; }
    public Melding? Melding { get; set; }
    public MeldingStatus Status { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>An answer to one attribute of the Open311 service definition, sent as attribute[code]=value.</summary>
public sealed class MeldingAttribute
{
    public int Id { get; set; }
    public int MeldingId { get; set; }
    public Melding? Melding { get; set; }
    public string Code { get; set; } = "";

    /// <summary>The key(s) sent; a multivaluelist's keys one per line.</summary>
    public string Value { get; set; } = "";

    /// <summary>What the resident saw: the question and the names of the chosen values, for the summary and the dashboard.</summary>
    public string Question { get; set; } = "";
    public string Answer { get; set; } = "";
}

/// <summary>Forwarding of one melding to one sink (store, open311, email): retried with backoff until it succeeds.</summary>
public sealed class MeldingForward
{
    public int Id { get; set; }
    public int MeldingId { get; set; }
    public Melding? Melding { get; set; }

    /// <summary>The sink's name: "store", "open311" or "email".</summary>
    public string Sink { get; set; } = "";

    public ForwardingState State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? ForwardedAt { get; set; }

    /// <summary>Technical reason of the last failure; never personal data.</summary>
    public string? LastError { get; set; }

    /// <summary>
    /// An attempt was interrupted after the melding may have been sent and before the answer was stored, and it was sent
    /// again: the other side may hold it twice ("mogelijk dubbel verstuurd"), recognisable by the reference in both.
    /// </summary>
    public bool PossibleDuplicate { get; set; }

    /// <summary>Open311 service_request_id.</summary>
    public string? ExternalId { get; set; }

    /// <summary>Open311 token, when the server answered with a token instead of an id (resolved later).</summary>
    public string? ExternalToken { get; set; }

    /// <summary>Open311 status and status_notes as last seen, to notice changes.</summary>
    public string? RemoteStatus { get; set; }
    public string? RemoteStatusNotes { get; set; }
    public DateTimeOffset? LastPolledAt { get; set; }
}

/// <summary>A subcategory residents choose from, seeded once by the migration and editable in the database afterwards.</summary>
public sealed class MeldingCategory
{
    public int Id { get; set; }

    /// <summary>Stable code, also the key of Meldingen:Open311:ServiceCodes.</summary>
    public string Code { get; set; } = "";

    public MeldingTheme Theme { get; set; }
    public string NameNl { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>
    /// Dutch and English come from this row (editable); other languages from the catalogue key
    /// <see cref="CatalogueKey"/> of the code, falling back to the Dutch name for a category added later.
    /// </summary>
    public string Name(string language) => language switch
    {
        Languages.Dutch => NameNl,
        Languages.English => NameEn,
        _ => Texts.TextCatalog.Shared.Has(language, CatalogueKey(Code)) ? Texts.TextCatalog.Shared.Template(language, CatalogueKey(Code)) : NameNl,
    };

    /// <summary>"Meldingen.Category.grofvuil": the name of a seeded category in the catalogues.</summary>
    public static string CatalogueKey(string code) => $"Meldingen.Category.{code}";
}

/// <summary>Per street group: whether a melding in its streets is announced in the group (one anonymous line). Off by default.</summary>
public sealed class MeldingGroupSetting
{
    public int GroupId { get; set; }
    public StreetGroup? Group { get; set; }
    public bool NoticeEnabled { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who changed it last: a member id reference.</summary>
    public string UpdatedBy { get; set; } = "";
}
