// Nederlands. De woorden volgen het helpartikel (../shared/seeds/003_*.txt) en de catalogus van de extensie.
import type { Catalogue } from './en.ts';

export const nl: Catalogue = {
  productName: 'Gezondheid van sociale accounts',
  greeting: 'Hallo {name},',

  networkFacebook: 'Facebook',
  networkInstagram: 'Instagram',
  networkX: 'X',
  networkLinkedin: 'LinkedIn',
  networkYoutube: 'YouTube',

  reminderSubject: 'Vernieuw de koppeling met {account} op {network} vóór {date}',
  reminderHeading: '{network} vraagt om {account} opnieuw te autoriseren',
  reminderDue:
    '{network} vraagt {interval} om nieuwe autorisatie. Vernieuw de koppeling met {account} vóór {date}, anders wordt het account dan losgekoppeld.',
  intervalEvery: 'elke {days} dagen',
  intervalInactivity: 'na {days} dagen zonder activiteit',
  reminderPostsAtRisk_one:
    'Als niemand de koppeling op tijd vernieuwt, wordt het ene bericht dat na dat moment gepland staat geannuleerd wanneer het account wordt losgekoppeld. Het komt terug als iemand het account vóór {deadline} opnieuw koppelt; verstrijkt het tijdstip eerder, dan wordt het als gemist gemarkeerd en niet alsnog gepubliceerd.',
  reminderPostsAtRisk_other:
    'Als niemand de koppeling op tijd vernieuwt, worden de {count} berichten die na dat moment gepland staan geannuleerd wanneer het account wordt losgekoppeld. Ze komen terug als iemand het account vóór {deadline} opnieuw koppelt; berichten waarvan het tijdstip eerder verstrijkt, worden als gemist gemarkeerd en niet alsnog gepubliceerd.',
  reminderPostsNone: 'Er staan na dat moment geen berichten gepland, dus er zou niets worden geannuleerd.',
  reminderRefreshSafe:
    'Bij het vernieuwen van de koppeling gaat niets verloren en begint de termijn opnieuw.',

  alertSubject: '{account} op {network} is losgekoppeld: koppel het opnieuw vóór {deadline}',
  alertHeading: '{account} op {network} is losgekoppeld',
  alertWhat: '{reason}. De koppeling is gestopt op {date}.',
  reasonRevoked: 'De toegang is ingetrokken op {network}',
  reasonTokenExpired: 'Het token van {network} is verlopen en kon niet worden vernieuwd',
  reasonSecurity:
    '{network} heeft de koppeling om veiligheidsredenen geblokkeerd (wachtwoord gewijzigd of beveiligingscontrole)',
  reasonInactive: '{network} heeft de koppeling uitgeschakeld na lange tijd zonder gebruik',
  reasonDeleted: 'Het account bestaat niet meer op {network}',
  alertNoWarning:
    '{network} doet dit zonder aankondiging, dus er kon vooraf geen herinnering worden verstuurd.',
  alertPostsCancelled_one:
    'Het ene geplande bericht is geannuleerd. Koppel het account vóór {deadline} opnieuw om het te herstellen: ligt het tijdstip nog in de toekomst, dan wordt het dan gepubliceerd; is het tijdstip voorbij, dan wordt het als gemist gemarkeerd en kun je het opnieuw inplannen.',
  alertPostsCancelled_other:
    'De {count} geplande berichten zijn geannuleerd. Koppel het account vóór {deadline} opnieuw om ze te herstellen: berichten waarvan het tijdstip nog in de toekomst ligt, worden op hun tijdstip gepubliceerd; berichten waarvan het tijdstip voorbij is, worden als gemist gemarkeerd en kunnen opnieuw worden ingepland.',
  alertFirstPost:
    'Het eerste daarvan staat gepland op {date}: koppel vóór dat moment opnieuw om het op tijd te publiceren.',
  alertPostsNone: 'Er stonden geen berichten gepland.',
  alertPublishedHidden: 'Al gepubliceerde berichten zijn verborgen tot het account opnieuw is gekoppeld.',
  alertLapse:
    'Als niemand het vóór {deadline} opnieuw koppelt, worden de berichtgeschiedenis, de geannuleerde berichten en de concepten verwijderd, en begint een latere koppeling helemaal opnieuw.',

  actYouRefresh: 'Je kunt de koppeling zelf vernieuwen.',
  actYouReconnect: 'Je kunt het zelf opnieuw koppelen.',
  actYouRecommended: 'Jij hebt het account het laatst gekoppeld, dus het wordt aanbevolen dat jij dit doet.',
  actRecommended: '{name} heeft het account het laatst gekoppeld en wordt aanbevolen om dit te doen.',
  actOthers: 'Anderen die het kunnen: {names}.',
  actCannotRefresh:
    'Je kunt de koppeling niet zelf vernieuwen: daarvoor zijn de machtiging Alle accounts en toegang tot het account nodig. Vraag het aan {name}.',
  actCannotReconnect:
    'Je kunt het niet zelf opnieuw koppelen: daarvoor zijn de machtiging Alle accounts en toegang tot het account nodig. Vraag het aan {name}.',
  actWhoCan: 'Wie het kan: {names}.',
  actNobody:
    'Niemand kan het op dit moment: vraag een superbeheerder om iemand met de machtiging Alle accounts toegang tot het account te geven.',
  aSuperAdmin: 'een superbeheerder',
  namesMore_one: '1 andere',
  namesMore_other: '{count} anderen',
  buttonRefresh: 'Koppeling met {account} vernieuwen',
  buttonReconnect: '{account} opnieuw koppelen',
  linkFallback: 'Werkt de knop niet? Open dan dit adres: {url}',

  whyIntro: 'Je ontvangt deze e-mail omdat {reasons}.',
  whyConnector: 'jij {account} het laatst hebt gekoppeld',
  whyAuthor_one: 'je 1 bericht op dit account gepland hebt staan',
  whyAuthor_other: 'je {count} berichten op dit account gepland hebt staan',
  whyAuthorAlert_one: 'je 1 bericht op dit account gepland had staan',
  whyAuthorAlert_other: 'je {count} berichten op dit account gepland had staan',
  whySuperAdmin: 'je superbeheerder bent van {team}',
  whyRule:
    'Herinneringen en meldingen over loskoppelen gaan naar de persoon die het account het laatst heeft gekoppeld, iedereen met een gepland bericht op het account en alle superbeheerders.',

  digestSubjectDaily: 'Je dagelijkse sociale samenvatting voor {team}: {date}',
  digestSubjectWeekly: 'Je wekelijkse sociale samenvatting voor {team}: {period}',
  digestHeading: 'Sociale samenvatting voor {period}',
  digestSummary: 'Interacties: {interactions}. Conversaties: {conversations}. Nieuwe X-volgers: {followers}.',
  digestQuiet: 'Niets nieuws op deze accounts in deze periode.',
  digestNoAccounts: 'Geen enkel account is beschikbaar voor iedereen, dus er is niets te melden.',
  digestRules:
    'Alleen accounts die beschikbaar zijn voor iedereen worden opgenomen. Interacties op Instagram en YouTube worden nooit opgenomen, en nieuwe volgers worden alleen voor X meegeteld.',
  colAccount: 'Account',
  colNetwork: 'Netwerk',
  colInteractions: 'Interacties',
  colConversations: 'Conversaties',
  colFollowers: 'Nieuwe volgers',
  colPublished: 'Gepubliceerde berichten',
  notCounted: 'niet meegeteld',
  frequencyDaily: 'dagelijks',
  frequencyWeekly: 'wekelijks',
  digestWhy: 'Je ontvangt deze samenvatting omdat je inbox-samenvatting voor {team} op {frequency} staat.',
  linkSettings: 'Instellingen voor e-mailmeldingen',
  linkUnsubscribeDigest: 'Afmelden voor de samenvatting',

  reportSubject: 'Je maandelijkse sociale rapport voor {team}: {month}',
  reportHeading: 'Sociaal rapport voor {month}',
  reportSummary:
    'Gepubliceerde berichten: {published}. Interacties: {interactions}. Conversaties: {conversations}. Nieuwe X-volgers: {followers}.',
  reportWhy:
    'Je ontvangt dit rapport omdat je hebt gevraagd om maandelijks een e-mail met je sociale rapporten voor {team}.',
  linkUnsubscribeReport: 'Afmelden voor het maandelijkse rapport',

  unsubscribeTitle: 'Afmelden',
  unsubscribeQuestion: 'Wil je {what} voor {team} niet meer ontvangen?',
  unsubscribeButton: 'Afmelden',
  unsubscribeDone:
    'Klaar: je ontvangt {what} voor {team} niet meer. Je kunt dit weer inschakelen in de instellingen voor e-mailmeldingen.',
  unsubscribeInvalid:
    'Deze afmeldlink is niet geldig: hij is gewijzigd of komt van een andere server. Wijzig in plaats daarvan wat je ontvangt in de instellingen voor e-mailmeldingen.',
  unsubscribeExpired:
    'Deze afmeldlink is verlopen. Wijzig in plaats daarvan wat je ontvangt in de instellingen voor e-mailmeldingen.',
  whatDigest: 'de sociale samenvatting',
  whatReport: 'het maandelijkse sociale rapport',
  settingsWhere:
    'Wijzig wat je ontvangt in Social account health: open het via de werkbalk van je browser en ga naar Instellingen, E-mailmeldingen.',
  reconnectTitle: 'Opnieuw verbinden',
  reconnectDone: '{account} op {network} is weer verbonden. Je kunt deze pagina sluiten.',
  reconnectFailed: '{account} is niet opnieuw verbonden: {reason}',
  reconnectInvalid:
    'Deze link om opnieuw te verbinden is niet geldig: hij is gewijzigd of komt van een andere server. Open Social account health via de werkbalk van je browser om het account opnieuw te verbinden.',
  reconnectExpired:
    'Deze link om opnieuw te verbinden is verlopen. Open Social account health via de werkbalk van je browser om het account opnieuw te verbinden.',
};
