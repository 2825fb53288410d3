// Norsk bokmål. Ordene følger hjelpeartikkelen (../shared/seeds/000_*.txt) og utvidelsens katalog.
import type { Catalogue } from './en.ts';

export const nb: Catalogue = {
  productName: 'Helse for sosiale kontoer',
  greeting: 'Hei {name},',

  networkFacebook: 'Facebook',
  networkInstagram: 'Instagram',
  networkX: 'X',
  networkLinkedin: 'LinkedIn',
  networkYoutube: 'YouTube',

  reminderSubject: 'Forny tilkoblingen til {account} på {network} før {date}',
  reminderHeading: '{network} ber om ny godkjenning av {account}',
  reminderDue:
    '{network} krever ny godkjenning {interval}. Forny tilkoblingen til {account} innen {date}, ellers blir kontoen koblet fra da.',
  intervalEvery: 'hver {days}. dag',
  intervalInactivity: 'etter {days} dager uten aktivitet',
  reminderPostsAtRisk_one:
    'Hvis ingen fornyer den i tide, blir det ene innlegget som er planlagt etter dette tidspunktet, kansellert når kontoen kobles fra. Det kommer tilbake hvis noen kobler kontoen til på nytt innen {deadline}; går tidspunktet ut før det, blir det markert som gått glipp av og publiseres ikke i etterkant.',
  reminderPostsAtRisk_other:
    'Hvis ingen fornyer den i tide, blir de {count} innleggene som er planlagt etter dette tidspunktet, kansellert når kontoen kobles fra. De kommer tilbake hvis noen kobler kontoen til på nytt innen {deadline}; de som får tidspunktet sitt passert før det, blir markert som gått glipp av og publiseres ikke i etterkant.',
  reminderPostsNone:
    'Den har ingen innlegg planlagt etter dette tidspunktet, så ingen ville blitt kansellert.',
  reminderRefreshSafe: 'Når du fornyer tilkoblingen, går ingenting tapt, og fristen starter på nytt.',

  alertSubject: '{account} på {network} ble koblet fra: koble den til på nytt innen {deadline}',
  alertHeading: '{account} på {network} ble koblet fra',
  alertWhat: '{reason}. Tilkoblingen stoppet {date}.',
  reasonRevoked: 'Tilgangen ble trukket tilbake på {network}',
  reasonTokenExpired: 'Tokenet for {network} utløp og kunne ikke fornyes',
  reasonSecurity:
    '{network} låste tilkoblingen av sikkerhetsgrunner (endret passord eller sikkerhetskontroll)',
  reasonInactive: '{network} deaktiverte tilkoblingen etter lang tid uten bruk',
  reasonDeleted: 'Kontoen finnes ikke lenger på {network}',
  alertNoWarning: '{network} gjør dette uten forvarsel, så ingen påminnelse kunne sendes på forhånd.',
  alertPostsCancelled_one:
    'Det ene planlagte innlegget ble kansellert. Koble kontoen til på nytt innen {deadline} for å gjenopprette det: er tidspunktet fortsatt fremover, publiseres det da; har tidspunktet passert, blir det markert som gått glipp av, og du kan planlegge det på nytt.',
  alertPostsCancelled_other:
    'De {count} planlagte innleggene ble kansellert. Koble kontoen til på nytt innen {deadline} for å gjenopprette dem: de som fortsatt har tidspunktet foran seg, publiseres til planlagt tid; de som har passert tidspunktet, blir markert som gått glipp av og kan planlegges på nytt.',
  alertFirstPost:
    'Det første av dem skal publiseres {date}: koble til på nytt før det for å publisere det i tide.',
  alertPostsNone: 'Den hadde ingen planlagte innlegg.',
  alertPublishedHidden: 'Innlegg som allerede er publisert, vises ikke før kontoen er koblet til på nytt.',
  alertLapse:
    'Hvis ingen kobler den til på nytt innen {deadline}, slettes innleggshistorikken, de kansellerte innleggene og utkastene, og en senere tilkobling starter helt på nytt.',

  actYouRefresh: 'Du kan fornye tilkoblingen selv.',
  actYouReconnect: 'Du kan koble den til på nytt selv.',
  actYouRecommended: 'Du koblet den til sist, så det anbefales at du gjør det.',
  actRecommended: '{name} koblet den til sist og er den som anbefales å gjøre det.',
  actOthers: 'Andre som kan: {names}.',
  actCannotRefresh:
    'Du kan ikke fornye tilkoblingen selv: det krever tillatelsen Alle kontoer og tilgang til kontoen. Spør {name}.',
  actCannotReconnect:
    'Du kan ikke koble den til på nytt selv: det krever tillatelsen Alle kontoer og tilgang til kontoen. Spør {name}.',
  actWhoCan: 'Disse kan: {names}.',
  actNobody:
    'Ingen kan gjøre det akkurat nå: be en superadministrator gi noen med tillatelsen Alle kontoer tilgang til kontoen.',
  aSuperAdmin: 'en superadministrator',
  namesMore_one: '1 til',
  namesMore_other: '{count} til',
  buttonRefresh: 'Forny tilkoblingen til {account}',
  buttonReconnect: 'Koble til {account} på nytt',
  linkFallback: 'Hvis knappen ikke virker, åpne denne adressen: {url}',

  whyIntro: 'Du får denne e-posten fordi {reasons}.',
  whyConnector: 'du koblet til {account} sist',
  whyAuthor_one: 'du har 1 innlegg planlagt på den',
  whyAuthor_other: 'du har {count} innlegg planlagt på den',
  whyAuthorAlert_one: 'du hadde 1 innlegg planlagt på den',
  whyAuthorAlert_other: 'du hadde {count} innlegg planlagt på den',
  whySuperAdmin: 'du er superadministrator i {team}',
  whyRule:
    'Påminnelser og varsler om frakobling sendes til den som sist koblet til kontoen, alle som har et planlagt innlegg på den, og alle superadministratorer.',

  digestSubjectDaily: 'Ditt daglige sammendrag for sosiale medier for {team}: {date}',
  digestSubjectWeekly: 'Ditt ukentlige sammendrag for sosiale medier for {team}: {period}',
  digestHeading: 'Sammendrag for sosiale medier for {period}',
  digestSummary: 'Interaksjoner: {interactions}. Samtaler: {conversations}. Nye X-følgere: {followers}.',
  digestQuiet: 'Ingenting nytt på disse kontoene i denne perioden.',
  digestNoAccounts: 'Ingen kontoer er delt med alle, så det er ingenting å rapportere.',
  digestRules:
    'Bare kontoer som er delt med alle, tas med. Interaksjoner på Instagram og YouTube tas aldri med, og nye følgere telles bare for X.',
  colAccount: 'Konto',
  colNetwork: 'Nettverk',
  colInteractions: 'Interaksjoner',
  colConversations: 'Samtaler',
  colFollowers: 'Nye følgere',
  colPublished: 'Publiserte innlegg',
  notCounted: 'telles ikke',
  frequencyDaily: 'daglig',
  frequencyWeekly: 'ukentlig',
  digestWhy: 'Du får dette sammendraget fordi sammendraget i innboksen for {team} er satt til {frequency}.',
  linkSettings: 'Innstillinger for e-postvarsler',
  linkUnsubscribeDigest: 'Meld deg av sammendraget',

  reportSubject: 'Din månedlige rapport for sosiale medier for {team}: {month}',
  reportHeading: 'Rapport for sosiale medier for {month}',
  reportSummary:
    'Publiserte innlegg: {published}. Interaksjoner: {interactions}. Samtaler: {conversations}. Nye X-følgere: {followers}.',
  reportWhy:
    'Du får denne rapporten fordi du har bedt om en månedlig e-post med rapportene dine for sosiale medier for {team}.',
  linkUnsubscribeReport: 'Meld deg av den månedlige rapporten',

  unsubscribeTitle: 'Meld deg av',
  unsubscribeQuestion: 'Vil du slutte å motta {what} for {team}?',
  unsubscribeButton: 'Meld meg av',
  unsubscribeDone:
    'Ferdig: du får ikke lenger {what} for {team}. Du kan slå det på igjen i innstillingene for e-postvarsler.',
  unsubscribeInvalid:
    'Denne avmeldingslenken er ikke gyldig: den er endret, eller den kommer fra en annen server. Endre hva du mottar i innstillingene for e-postvarsler i stedet.',
  unsubscribeExpired:
    'Denne avmeldingslenken er utløpt. Endre hva du mottar i innstillingene for e-postvarsler i stedet.',
  whatDigest: 'sammendraget for sosiale medier',
  whatReport: 'den månedlige rapporten for sosiale medier',
  settingsWhere:
    'Endre hva du mottar i Social account health: åpne det fra verktøylinjen i nettleseren, og gå til Innstillinger, E-postvarsler.',
  reconnectTitle: 'Koble til på nytt',
  reconnectDone: '{account} på {network} er koblet til igjen. Du kan lukke denne siden.',
  reconnectFailed: '{account} ble ikke koblet til på nytt: {reason}',
  reconnectInvalid:
    'Denne lenken for å koble til på nytt er ikke gyldig: den er endret, eller den kommer fra en annen server. Åpne Social account health fra verktøylinjen i nettleseren for å koble til kontoen på nytt.',
  reconnectExpired:
    'Denne lenken for å koble til på nytt er utløpt. Åpne Social account health fra verktøylinjen i nettleseren for å koble til kontoen på nytt.',
};
