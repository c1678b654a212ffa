// The service's Dutch replies to the benchmark's updates, word for word (the harness's replies check compares every
// sendMessage parameter with the service's before it measures), sent as HTML like the service's.
const html = { parse_mode: "HTML" };

const escapeHtml = (text) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

export const welcome = (firstName) => ({
  text: `Hoi ${escapeHtml(firstName || "daar")}! Welkom bij de bot van Buurtkracht Alblasserdam.

Ik help je om mee te doen in je buurt: ik herinner je aan activiteiten, je kunt bij mij melden wat kapot, vies of onveilig is, en ik stel soms een paar korte vragen.

Typ /help om te zien wat ik kan.
Andere taal? Other language? /taal`,
  options: html,
});

export const help = {
  text: `Dit kan ik voor je doen:
/help – Wat kan deze bot?
/melding – Meld iets wat kapot, vies of onveilig is
/mijngegevens – Wat weet de bot over mij? Krijg alles als bestand
/mijnmeldingen – Bekijk je meldingen en hoe het ermee staat
/peilingen – Krijg buurtpeilingen over je buurt, of stop ermee
/privacy – Wat bewaart de bot over mij?
/taal – Kies je taal
/vergeetmij – Wis mijn gegevens
/vragenlijst – Vul een vragenlijst in, of ga verder waar je was

Tijdens een vraag kun je altijd "terug" typen voor de vorige vraag, of "stop" om te stoppen.`,
  options: html,
};

export const notUnderstood = {
  text: "Dat begrijp ik niet helemaal. Typ /help om te zien wat ik kan.",
  options: html,
};
