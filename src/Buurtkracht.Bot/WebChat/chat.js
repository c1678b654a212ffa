"use strict";
// Everything the bot or the person wrote goes into the page as text nodes only, never as HTML.
const $ = s => document.querySelector(s);
const store = {
  get(k, d) { try { return localStorage.getItem(k) ?? d; } catch { return d; } },
  set(k, v) { try { localStorage.setItem(k, v); } catch { /* private mode: forget on reload */ } },
};

// Who you are is the server's business: it sets an HttpOnly cookie with your visitor id, which this page cannot read
// and never sends itself; the browser adds it to every request.
function newId() {
  // getRandomValues also works on plain http over a LAN address, where randomUUID does not.
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return "m" + Array.from(bytes, b => b.toString(16).padStart(2, "0")).join("");
}

// The page's texts in the visitor's language come as data-t-* attributes of <body> (no inline script under the CSP).
const words = document.body.dataset;

const nameInput = $("#name");
nameInput.value = store.get("bk.name", words.tVisitor);
nameInput.addEventListener("input", () => store.set("bk.name", nameInput.value.trim() || words.tVisitor));

function makeTab(chat) {
  return {
    chat, after: 0, started: false, failing: false, unread: 0,
    tab: $("#tab-" + chat), panel: $("#panel-" + chat), log: $("#panel-" + chat + " ol"),
    bubbles: new Map(),
  };
}
const tabs = { private: makeTab("private"), group: makeTab("group") };
let active = tabs.private;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text != null) e.textContent = text;
  return e;
}

// Web links, start links, /commands and Dutch phone numbers (112, 0900-8844, 0800-7000, 14 078, 078-1234567) are tappable.
const linkPattern = /(https?:\/\/[^\s<>"]+|\/chat\?start=[A-Za-z0-9_%.~-]+|(?<![\w\/:.])\/[a-z]{3,20}\b|(?<![\w-])(?:112|0[89]00[- ]?\d{4}|14 ?0\d{2}|0\d{2,3}[- ]?\d{6,7})(?![\w-]))/g;

function fillText(bubble, text) {
  bubble.replaceChildren();
  let last = 0;
  for (const m of text.matchAll(linkPattern)) {
    // A sentence's closing punctuation is not part of the link.
    const url = m[0].replace(/[.,;:!?)]+$/, "");
    bubble.append(text.slice(last, m.index));
    const a = el("a", null, url);
    a.href = url;
    if (/^\/[a-z]+$/.test(url)) {
      // A command in a text: tapping it sends it, as typing it would.
      a.href = "#";
      a.addEventListener("click", e => {
        e.preventDefault();
        answered(active, null);
        send(active, { text: url }, url);
      });
    } else if (/^[0-9]/.test(url)) {
      a.href = "tel:" + url.replace(/[^0-9]/g, "");
    } else if (url.startsWith("/chat?start=")) {
      a.addEventListener("click", e => {
        e.preventDefault();
        startWith(new URL(url, location.href).searchParams.get("start"));
      });
    } else {
      a.target = "_blank";
      a.rel = "noopener noreferrer";
    }
    bubble.append(a);
    last = m.index + url.length;
  }
  bubble.append(text.slice(last));
}

function scrollDown(t) { t.panel.scrollTop = t.panel.scrollHeight; }

function fillBot(item, t, m) {
  const bubble = el("div", "bubble");
  fillText(bubble, m.text || "");
  item.replaceChildren(bubble);
  if (m.document) {
    const a = el("a", "download", words.tDownload + m.document.name);
    a.href = m.document.url;
    a.download = m.document.name;
    item.append(a);
  }
  const rows = (m.choices || []).filter(r => r.length);
  if (rows.length || m.requestLocationLabel) {
    const box = el("div", "choices");
    for (const row of rows) {
      const line = el("div");
      for (const c of row) {
        const b = el("button", null, c.label);
        b.type = "button";
        b.addEventListener("click", () => {
          answered(t, item);
          send(t, { choice: c.data }, c.label);
        });
        line.append(b);
      }
      box.append(line);
    }
    if (m.requestLocationLabel) {
      // The browser's own position, or a pin on a small map: both arrive as the same location a Telegram user shares.
      const line = el("div");
      const share = el("button", null, m.requestLocationLabel);
      share.type = "button";
      share.addEventListener("click", () => shareLocation(t, item));
      const pick = el("button", null, words.tPickOnMap);
      pick.type = "button";
      pick.addEventListener("click", () => pickOnMap(t, item));
      line.append(share, pick);
      box.append(line);
    }
    item.append(box);
  }
}

function hint(item, text) {
  item.querySelector(".hint")?.remove();
  item.append(el("p", "hint", text));
}

function sendLocation(t, item, lat, lon, shown) {
  answered(t, item);
  item.querySelector(".map-pick")?.remove();
  send(t, { location: { latitude: lat, longitude: lon } }, shown);
}

function shareLocation(t, item) {
  if (!navigator.geolocation) {
    hint(item, words.tNoGeolocation);
    return;
  }
  navigator.geolocation.getCurrentPosition(
    pos => sendLocation(t, item, pos.coords.latitude, pos.coords.longitude, words.tMyLocation),
    () => hint(item, words.tLocationFailed),
    { enableHighAccuracy: true, timeout: 15000, maximumAge: 60000 });
}

// A small map with one pin, in the middle of Alblasserdam; tap the map or drag the pin, then send the place.
function pickOnMap(t, item) {
  if (item.querySelector(".map-pick") || typeof L === "undefined") return;
  const box = el("div", "map-pick");
  box.setAttribute("role", "application");
  box.setAttribute("aria-label", words.tMapLabel);
  const go = el("button", null, words.tSendPlace);
  go.type = "button";
  const line = el("div", "choices");
  line.append(go);
  item.append(box, line);
  const map = L.map(box).setView([51.862, 4.665], 15);
  L.tileLayer(document.body.dataset.tiles, { maxZoom: 19, attribution: document.body.dataset.tilesAttribution || "" }).addTo(map);
  const pin = L.marker(map.getCenter(), { draggable: true, title: words.tChosenPlace, alt: words.tChosenPlace, keyboard: true }).addTo(map);
  map.on("click", e => pin.setLatLng(e.latlng));
  go.addEventListener("click", () => {
    const p = pin.getLatLng();
    line.remove();
    sendLocation(t, item, p.lat, p.lng, words.tChosenPlaceOnMap);
  });
  scrollDown(t);
}

function showBot(t, m) {
  t.after = Math.max(t.after, m.id);
  const earlier = m.editsId != null && t.bubbles.get(m.editsId);
  if (earlier) {
    fillBot(earlier, t, m);
    t.bubbles.set(m.id, earlier);
    return;
  }
  const item = el("li", "bot");
  fillBot(item, t, m);
  t.bubbles.set(m.id, item);
  t.log.append(item);
  if (t === active) {
    scrollDown(t);
    if (m.expectsTextReply) $("#text").focus();
  } else {
    t.unread++;
    t.tab.querySelector(".unread").textContent = t.unread;
  }
}

// Buttons of a question already answered are switched off, so the keyboard only meets the buttons that still count.
// In the private chat every earlier question is answered by the next answer; in the demo group only the message whose
// button was pressed (announcements keep their RSVP buttons, and an edit of a message brings its buttons back).
function answered(t, pressedItem) {
  const items = t.chat === "private" ? t.log.querySelectorAll("li.bot") : pressedItem ? [pressedItem] : [];
  for (const item of items) for (const b of item.querySelectorAll(".choices button")) b.disabled = true;
}

const sleep = ms => new Promise(r => setTimeout(r, ms));

function setFailing(t, failing) {
  t.failing = failing;
  $("#offline").hidden = !Object.values(tabs).some(x => x.failing);
}

async function poll(t) {
  let wait = 1000;
  for (;;) {
    try {
      const r = await fetch(`/webchat/api/messages?chat=${t.chat}&after=${t.after}`, { cache: "no-store" });
      if (!r.ok) throw new Error("HTTP " + r.status);
      const list = await r.json();
      setFailing(t, false);
      wait = 1000;
      for (const m of list) showBot(t, m);
    } catch {
      setFailing(t, true);
      await sleep(wait);
      wait = Math.min(wait * 2, 30000);
    }
  }
}

function startPolling(t) {
  if (t.started) return;
  t.started = true;
  poll(t);
}

// Resolves to null when sent, or to the reason it was not.
async function post(body) {
  // The same clientMessageId on every try, so the bot handles a retried message once.
  for (let attempt = 0, wait = 1000; ; attempt++, wait *= 2) {
    try {
      const r = await fetch("/webchat/api/send", {
        method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body),
      });
      if (r.ok) return null;
      if (r.status === 429) return words.tTooFast;
      if (r.status < 500) return words.tNotSent;
    } catch { /* network: retry below */ }
    if (attempt === 3) return words.tNotSent;
    await sleep(wait);
  }
}

async function send(t, content, shown, clientMessageId) {
  startPolling(t);
  let item = null;
  if (shown != null) {
    item = el("li", "user");
    item.append(el("div", "bubble", shown));
    t.log.append(item);
    scrollDown(t);
  }
  const body = { clientMessageId: clientMessageId ?? newId(), userName: nameInput.value.trim() || words.tVisitor, chat: t.chat, ...content };
  const reason = await post(body);
  if (reason === null || !item) return;
  item.classList.add("failed");
  const fail = el("div", "fail");
  const why = document.createTextNode(reason);
  const again = el("button", null, words.tAgain);
  again.type = "button";
  again.addEventListener("click", async () => {
    fail.remove();
    item.classList.remove("failed");
    const reason = await post(body);
    if (reason !== null) { why.textContent = reason; item.classList.add("failed"); item.append(fail); }
  });
  fail.append(why);
  fail.append(again);
  item.append(fail);
}

function select(t, focusTab) {
  active = t;
  for (const x of Object.values(tabs)) {
    const on = x === t;
    x.tab.setAttribute("aria-selected", on);
    x.tab.tabIndex = on ? 0 : -1;
    x.panel.hidden = !on;
  }
  t.unread = 0;
  t.tab.querySelector(".unread").textContent = "";
  if (focusTab) t.tab.focus();
  scrollDown(t);
  startPolling(t);
  if (t.chat === "group" && store.get("bk.greeted", "") !== "1") {
    // The first visit to the demo group plays the moment the bot is added to a street group. Its fixed message id
    // lets the server handle it once per visitor (as long as it remembers handled messages), also when this flag was lost.
    store.set("bk.greeted", "1");
    send(t, { event: "bot-added" }, null, "group-bot-added");
  }
}

for (const t of Object.values(tabs)) {
  t.tab.addEventListener("click", () => select(t));
  t.tab.addEventListener("keydown", e => {
    if (e.key !== "ArrowLeft" && e.key !== "ArrowRight") return;
    e.preventDefault();
    select(t === tabs.private ? tabs.group : tabs.private, true);
  });
}

$("#composer").addEventListener("submit", e => {
  e.preventDefault();
  const input = $("#text");
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  answered(active, null);
  send(active, { text }, text);
  input.focus();
});

// A photo goes up as a file; the server checks its size and type, then hands it to the same dialog step.
const photoInput = $("#photo");
photoInput.addEventListener("change", async () => {
  const file = photoInput.files[0];
  photoInput.value = "";
  if (!file) return;
  const t = active;
  const max = Number(document.body.dataset.maxPhoto) || 10485760;
  if (!["image/jpeg", "image/png"].includes(file.type)) { showNote(t, words.tPhotoType); return; }
  if (file.size > max) { showNote(t, words.tPhotoTooBig); return; }
  startPolling(t);
  answered(t, null);
  const item = el("li", "user");
  item.append(el("div", "bubble", words.tPhotoShown + file.name));
  t.log.append(item);
  scrollDown(t);
  const form = new FormData();
  form.append("photo", file, file.name);
  const url = `/webchat/api/photo?chat=${t.chat}&clientMessageId=${newId()}&userName=${encodeURIComponent(nameInput.value.trim() || words.tVisitor)}`;
  let reason = null;
  try {
    const r = await fetch(url, { method: "POST", body: form });
    if (r.status === 429) reason = words.tTooFast.trim();
    else if (r.status === 413 || r.status === 415) reason = words.tPhotoRejected;
    else if (!r.ok) reason = words.tNotSent.trim();
  } catch { reason = words.tNotSent.trim(); }
  if (reason) { item.classList.add("failed"); item.append(el("div", "fail", reason)); }
});

function showNote(t, text) {
  const item = el("li", "user failed");
  item.append(el("div", "fail", text));
  t.log.append(item);
  scrollDown(t);
}

function startWith(payload) {
  select(tabs.private);
  const text = payload ? "/start " + payload : "/start";
  send(tabs.private, { text }, text);
}

// Both tabs listen from the start, so a reply in the other tab shows up as unread.
startPolling(tabs.private);
startPolling(tabs.group);
const startParam = new URLSearchParams(location.search).get("start");
if (startParam !== null) {
  // Drop it from the address, so reloading the page does not send it again.
  history.replaceState(null, "", location.pathname);
  startWith(startParam);
}
$("#text").focus();
