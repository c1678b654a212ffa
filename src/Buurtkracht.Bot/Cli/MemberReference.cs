using System.CommandLine;
using Buurtkracht.Core.Members;
using Buurtkracht.Core.Messaging;
using Microsoft.EntityFrameworkCore;

namespace Buurtkracht.Bot.Cli;

/// <summary>"channel:userId", e.g. telegram:123456789 or teams:29:1AbC…; the user id is everything after the first colon.</summary>
internal sealed record MemberReference(ChannelKind Channel, string UserId)
{
    public const string Syntax = "<channel>:<userId>";

    public static string ChannelName(ChannelKind channel) => channel.ToString().ToLowerInvariant();

    public static string AllChannelNames => string.Join(", ", Enum.GetValues<ChannelKind>().Select(ChannelName));

    /// <summary>The required --member option, parsed into a reference (a malformed one is a parse error).</summary>
    public static Option<MemberReference> RequiredOption() => new("--member")
    {
        Description = $"The member as {Syntax}, channel one of {AllChannelNames} " +
            "(e.g. telegram:123456789). Members are known once they have written to the bot.",
        HelpName = "channel:userId",
        Required = true,
        CustomParser = result =>
        {
            if (TryParse(result.Tokens.Single().Value, out var reference, out var error)) return reference;
            result.AddError(error);
            return null;
        },
    };

    public static bool TryParse(string text, out MemberReference? reference, out string error)
    {
        reference = null;
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1)
        {
            error = $"'{text}' is not a member reference; expected {Syntax}, e.g. telegram:123456789.";
            return false;
        }
        var channelText = text[..colon];
        // Matching names rather than Enum.TryParse, which would also accept "0" or "1".
        var channel = Enum.GetValues<ChannelKind>().Where(c => string.Equals(ChannelName(c), channelText, StringComparison.OrdinalIgnoreCase)).ToList();
        if (channel.Count == 0)
        {
            error = $"Unknown channel '{channelText}'; use one of: {AllChannelNames}.";
            return false;
        }
        reference = new MemberReference(channel[0], text[(colon + 1)..]);
        error = "";
        return true;
    }

    public async Task<Member> FindAsync(IQueryable<Member> members, CancellationToken ct) =>
        await members.FirstOrDefaultAsync(m => m.Channel == Channel && m.ChannelUserId == UserId, ct)
        ?? throw new CliException($"No member {this}: a member is known once they have written to the bot. See 'members list'.");

    public override string ToString() => $"{ChannelName(Channel)}:{UserId}";

    public static string Of(Member member) => new MemberReference(member.Channel, member.ChannelUserId).ToString();
}
