// Every word an email says, in English. nb.ts and nl.ts carry exactly these keys with the same
// {placeholders} (test/email/catalogues.test.ts). Plural forms are `<key>_one` / `<key>_other`, picked with
// Intl.PluralRules. Wording follows the seeds (../shared/seeds/) and the extension's own catalogue.
export const en = {
  productName: 'Social account health',
  greeting: 'Hello {name},',

  networkFacebook: 'Facebook',
  networkInstagram: 'Instagram',
  networkX: 'X',
  networkLinkedin: 'LinkedIn',
  networkYoutube: 'YouTube',

  // R6 reminder, a week before R1's due date
  reminderSubject: 'Refresh the connection to {account} on {network} before {date}',
  reminderHeading: '{network} asks to re-authorize {account}',
  reminderDue:
    '{network} requires re-authorization {interval}. Refresh the connection to {account} by {date}, or it will be disconnected then.',
  intervalEvery: 'every {days} days',
  intervalInactivity: 'after {days} days without activity',
  reminderPostsAtRisk_one:
    'If nobody refreshes it in time, its 1 post scheduled after that moment is cancelled when it disconnects. It comes back if someone reconnects the account by {deadline}; if its time passes before then, it is marked missed and not published late.',
  reminderPostsAtRisk_other:
    'If nobody refreshes it in time, its {count} posts scheduled after that moment are cancelled when it disconnects. They come back if someone reconnects the account by {deadline}; any whose time passes before then are marked missed and not published late.',
  reminderPostsNone: 'It has no posts scheduled after that moment, so none would be cancelled.',
  reminderRefreshSafe: 'Refreshing the connection loses nothing and restarts the clock.',

  // R6 Decision: alert at the moment an unpredictable disconnect is detected
  alertSubject: '{account} on {network} was disconnected: reconnect it by {deadline}',
  alertHeading: '{account} on {network} was disconnected',
  alertWhat: '{reason}. The connection stopped on {date}.',
  reasonRevoked: 'Access was revoked on {network}',
  reasonTokenExpired: 'The {network} token expired and could not be refreshed',
  reasonSecurity: '{network} locked the connection for security reasons (password change or checkpoint)',
  reasonInactive: '{network} deactivated the connection after a long time without use',
  reasonDeleted: 'The account no longer exists on {network}',
  alertNoWarning: '{network} does this without notice, so no reminder could be sent beforehand.',
  alertPostsCancelled_one:
    'Its 1 scheduled post was cancelled. Reconnect the account by {deadline} to restore it: if its time is still ahead, it is published then; if its time has passed, it is marked missed and you can reschedule it.',
  alertPostsCancelled_other:
    'Its {count} scheduled posts were cancelled. Reconnect the account by {deadline} to restore them: those whose time is still ahead are published at their time; those whose time has passed are marked missed and can be rescheduled.',
  alertFirstPost: 'The first of them is due {date}: reconnect before then to publish it on time.',
  alertPostsNone: 'It had no scheduled posts.',
  alertPublishedHidden: 'Posts already published are hidden until the account is reconnected.',
  alertLapse:
    'If nobody reconnects it by {deadline}, its post history, cancelled posts and drafts are deleted, and a later connection starts fresh.',

  // R8: who may act
  actYouRefresh: 'You can refresh the connection yourself.',
  actYouReconnect: 'You can reconnect it yourself.',
  actYouRecommended: 'You connected it last, so you are the recommended person to do it.',
  actRecommended: '{name} connected it last and is the recommended person to do it.',
  actOthers: 'Others who can: {names}.',
  actCannotRefresh:
    'You cannot refresh the connection yourself: that takes the All accounts permission and access to the account. Ask {name}.',
  actCannotReconnect:
    'You cannot reconnect it yourself: that takes the All accounts permission and access to the account. Ask {name}.',
  actWhoCan: 'People who can: {names}.',
  actNobody:
    'Nobody can do it right now: ask a super admin to give someone with the All accounts permission access to the account.',
  aSuperAdmin: 'a super admin',
  namesMore_one: '1 more',
  namesMore_other: '{count} more',
  buttonRefresh: 'Refresh the connection to {account}',
  buttonReconnect: 'Reconnect {account}',
  linkFallback: 'If the button does not work, open this address: {url}',

  // R6: why this person receives it
  whyIntro: 'You receive this email because {reasons}.',
  whyConnector: 'you connected {account} last',
  whyAuthor_one: 'you have 1 post scheduled on it',
  whyAuthor_other: 'you have {count} posts scheduled on it',
  whyAuthorAlert_one: 'you had 1 post scheduled on it',
  whyAuthorAlert_other: 'you had {count} posts scheduled on it',
  whySuperAdmin: 'you are a super admin of {team}',
  whyRule:
    'Reminders and disconnect alerts go to the person who connected the account last, everyone with a post scheduled on it and every super admin.',

  // S7 digest
  digestSubjectDaily: 'Your daily social digest for {team}: {date}',
  digestSubjectWeekly: 'Your weekly social digest for {team}: {period}',
  digestHeading: 'Social digest for {period}',
  digestSummary:
    'Interactions: {interactions}. Conversations: {conversations}. New X followers: {followers}.',
  digestQuiet: 'Nothing new on these accounts in this period.',
  digestNoAccounts: 'No account is shared with everyone, so there is nothing to report.',
  digestRules:
    'Only accounts shared with everyone are included. Interactions on Instagram and YouTube are never included, and new followers are counted only for X.',
  colAccount: 'Account',
  colNetwork: 'Network',
  colInteractions: 'Interactions',
  colConversations: 'Conversations',
  colFollowers: 'New followers',
  colPublished: 'Posts published',
  notCounted: 'not counted',
  frequencyDaily: 'daily',
  frequencyWeekly: 'weekly',
  digestWhy: 'You receive this digest because your inbox digest for {team} is set to {frequency}.',
  linkSettings: 'Email notification settings',
  linkUnsubscribeDigest: 'Unsubscribe from the digest',

  // S7 monthly report
  reportSubject: 'Your monthly social report for {team}: {month}',
  reportHeading: 'Social report for {month}',
  reportSummary:
    'Posts published: {published}. Interactions: {interactions}. Conversations: {conversations}. New X followers: {followers}.',
  reportWhy:
    'You receive this report because you asked for a monthly email with your social reports for {team}.',
  linkUnsubscribeReport: 'Unsubscribe from the monthly report',

  // One-click unsubscribe pages (RFC 8058: a GET only shows the question, the POST unsubscribes)
  unsubscribeTitle: 'Unsubscribe',
  unsubscribeQuestion: 'Stop sending you {what} for {team}?',
  unsubscribeButton: 'Unsubscribe',
  unsubscribeDone:
    'Done: you will no longer receive {what} for {team}. You can turn it back on in the email notification settings.',
  unsubscribeInvalid:
    'This unsubscribe link is not valid: it was changed, or it comes from another server. Change what you receive in the email notification settings instead.',
  unsubscribeExpired:
    'This unsubscribe link has expired. Change what you receive in the email notification settings instead.',
  whatDigest: 'the social digest',
  whatReport: 'the monthly social report',
  // Where an email's links lead on the server: the email settings, the reconnect link's outcome
  settingsWhere:
    'Change what you receive in Social account health: open it from your browser toolbar, then Settings, Email notifications.',
  reconnectTitle: 'Reconnect',
  reconnectDone: '{account} on {network} is connected again. You can close this page.',
  reconnectFailed: '{account} was not reconnected: {reason}',
  reconnectInvalid:
    'This reconnect link is not valid: it was changed, or it comes from another server. Open Social account health from your browser toolbar to reconnect the account.',
  reconnectExpired:
    'This reconnect link has expired. Open Social account health from your browser toolbar to reconnect the account.',
} as const;

export type CatalogueKey = keyof typeof en;
export type Catalogue = Record<CatalogueKey, string>;
