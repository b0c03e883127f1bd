using System.Security.Claims;
using ItStopsHere.Web.Data;

namespace ItStopsHere.Web.Audit;

/// <summary>The actions the audit log records, with the words the audit page shows for each.</summary>
public static class AuditActions
{
    public const string SignedIn = "account.signed-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string LockedOut = "account.locked-out";
    public const string SignedOut = "account.signed-out";
    public const string PasswordChanged = "account.password-changed";
    public const string PasswordSet = "account.password-set";
    public const string TwoFactorEnabled = "account.two-factor-enabled";
    public const string TwoFactorDisabled = "account.two-factor-disabled";
    public const string RecoveryCodesCreated = "account.recovery-codes-created";
    public const string RecoveryCodeUsed = "account.recovery-code-used";
    public const string UserAdded = "user.added";
    public const string UserRoleChanged = "user.role-changed";
    public const string UserLocked = "user.locked";
    public const string UserUnlocked = "user.unlocked";
    public const string UserRemoved = "user.removed";
    public const string UserSetPasswordLinkCreated = "user.set-password-link-created";
    public const string UserTwoFactorReset = "user.two-factor-reset";
    public const string NewsCreated = "news.created";
    public const string NewsUpdated = "news.updated";
    public const string NewsPublished = "news.published";
    public const string NewsScheduled = "news.scheduled";
    public const string NewsUnpublished = "news.unpublished";
    public const string NewsDeleted = "news.deleted";
    public const string MythAdded = "myth.added";
    public const string MythUpdated = "myth.updated";
    public const string MythMoved = "myth.moved";
    public const string MythHidden = "myth.hidden";
    public const string MythShown = "myth.shown";
    public const string MythDeleted = "myth.deleted";
    public const string SettingChanged = "setting.changed";
    public const string SettingReset = "setting.reset";
    public const string SignatureApproved = "signature.approved";
    public const string SignatureHidden = "signature.hidden";
    public const string SignatureRestored = "signature.restored";
    public const string SignatureDeleted = "signature.deleted";
    public const string SignaturesExported = "signature.exported";
    public const string OfflinePledgesAdded = "offline-pledges.added";
    public const string OfflinePledgesDeleted = "offline-pledges.deleted";
    public const string PledgeSettingsChanged = "pledge.settings-changed";
    public const string SignatureWithdrawn = "signature.withdrawn";
    public const string SignerLookedUp = "signer.looked-up";
    public const string SignerDataExported = "signer.data-exported";
    public const string SignerDataErased = "signer.data-erased";
    public const string PageDraftSaved = "page.draft-saved";
    public const string PagePublished = "page.published";
    public const string PageScheduled = "page.scheduled";
    public const string PageScheduleCancelled = "page.schedule-cancelled";
    public const string PageVersionsRemoved = "page.versions-removed";
    public const string PageFactsChanged = "page.facts-changed";
    public const string PageListItemAdded = "page.list-item-added";
    public const string PageListItemChanged = "page.list-item-changed";
    public const string PageListItemMoved = "page.list-item-moved";
    public const string PageListItemRemoved = "page.list-item-removed";
    public const string PolicyAdded = "policy.added";
    public const string ReportReceived = "report.received";
    public const string ReportReporterWrote = "report.reporter-wrote";
    public const string ReportDeleted = "report.deleted";
    public const string CaseOpened = "case.opened";
    public const string CaseAssigned = "case.assigned";
    public const string CaseReplied = "case.replied";
    public const string CaseNoteAdded = "case.note-added";
    public const string CaseStateChanged = "case.state-changed";
    public const string CaseRoleGranted = "case.role-granted";
    public const string ReportKeysRotated = "report.keys-rotated";

    // Add new actions here, with the words the audit page shows for them.
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        [SignedIn] = "Signed in",
        [SignInFailed] = "Sign-in failed",
        [LockedOut] = "Locked out after failed sign-ins",
        [SignedOut] = "Signed out",
        [PasswordChanged] = "Changed own password",
        [PasswordSet] = "Set password from a link",
        [TwoFactorEnabled] = "Turned on two-factor authentication",
        [TwoFactorDisabled] = "Turned off two-factor authentication",
        [RecoveryCodesCreated] = "Created new recovery codes",
        [RecoveryCodeUsed] = "Signed in with a recovery code",
        [UserAdded] = "Added a user",
        [UserRoleChanged] = "Changed a user's role",
        [UserLocked] = "Locked a user",
        [UserUnlocked] = "Unlocked a user",
        [UserRemoved] = "Removed a user",
        [UserSetPasswordLinkCreated] = "Created a set-password link",
        [UserTwoFactorReset] = "Turned off a user's two-factor authentication",
        [NewsCreated] = "Created a news item",
        [NewsUpdated] = "Edited a news item",
        [NewsPublished] = "Published a news item",
        [NewsScheduled] = "Scheduled a news item",
        [NewsUnpublished] = "Unpublished a news item",
        [NewsDeleted] = "Deleted a news item",
        [MythAdded] = "Added a myth",
        [MythUpdated] = "Edited a myth",
        [MythMoved] = "Moved a myth",
        [MythHidden] = "Hid a myth",
        [MythShown] = "Showed a myth",
        [MythDeleted] = "Deleted a myth",
        [SettingChanged] = "Changed a campaign setting",
        [SettingReset] = "Reset a campaign setting to its default",
        [SignatureApproved] = "Approved a signature",
        [SignatureHidden] = "Hid a signature",
        [SignatureRestored] = "Restored a signature",
        [SignatureDeleted] = "Deleted a signature permanently",
        [SignaturesExported] = "Exported signatures",
        [OfflinePledgesAdded] = "Recorded offline pledges",
        [OfflinePledgesDeleted] = "Deleted offline pledges",
        [PledgeSettingsChanged] = "Changed pledge settings",
        [SignatureWithdrawn] = "Signer withdrew their signature",
        [SignerLookedUp] = "Looked up a signer by email address",
        [SignerDataExported] = "Exported a signer's data",
        [SignerDataErased] = "Erased a signer's data",
        [PageDraftSaved] = "Saved a page draft",
        [PagePublished] = "Published a page version",
        [PageScheduled] = "Scheduled a page version",
        [PageScheduleCancelled] = "Cancelled a page's scheduled version",
        [PageVersionsRemoved] = "Removed page versions past their keeping time",
        [PageFactsChanged] = "Changed a help line or figure (published a page version)",
        [PageListItemAdded] = "Added an item to a page's list (draft)",
        [PageListItemChanged] = "Changed an item in a page's list (draft)",
        [PageListItemMoved] = "Moved an item in a page's list (draft)",
        [PageListItemRemoved] = "Removed an item from a page's list (draft)",
        [PolicyAdded] = "Added a policy",
        [ReportReceived] = "A report was made",
        [ReportReporterWrote] = "A reporter wrote on their report",
        [ReportDeleted] = "A report was deleted",
        [CaseOpened] = "Opened a case",
        [CaseAssigned] = "Assigned a case",
        [CaseReplied] = "Wrote to a reporter",
        [CaseNoteAdded] = "Added a case note",
        [CaseStateChanged] = "Changed a case's state",
        [CaseRoleGranted] = "Gave or took a case role",
        [ReportKeysRotated] = "Re-wrapped report keys under a new key",
    };

    /// <summary>Every known action, in the order the audit page's filter lists them.</summary>
    public static IReadOnlyCollection<string> All => Labels.Keys;

    public static string Label(string action) => Labels.TryGetValue(action, out var label) ? label : action;
}
