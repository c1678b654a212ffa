// The grammY peer of issue 18: the per-update work of benchmarks/Buurtkracht.Benchmarks (/start, /help and a question
// or greeting in a private chat) done the way a competent grammY bot does it, so the service's figures have a yardstick
// measured on the same machine. Webhook mode on node:http, the session and a processed-update table in one SQLite file
// (WAL, synchronous=NORMAL), replies as real sendMessage calls (not webhook replies), like the service's outbox sends.
// Configured only by the harness (PeerBot.cs), through environment variables.
import http from "node:http";
import Database from "better-sqlite3";
import { Bot, session, webhookCallback } from "grammy";
import { help, notUnderstood, welcome } from "./replies.js";

const setting = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};
const port = Number(setting("PEER_PORT"));
const webhookUrl = setting("PEER_WEBHOOK_URL");
const webhookSecret = setting("PEER_WEBHOOK_SECRET");

const db = new Database(setting("PEER_DB"));
db.pragma("journal_mode = WAL");
db.pragma("synchronous = NORMAL");
db.exec(`
  CREATE TABLE IF NOT EXISTS sessions (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS processed_updates (update_id INTEGER PRIMARY KEY, processed_at INTEGER NOT NULL);
`);
const readSession = db.prepare("SELECT value FROM sessions WHERE key = ?").pluck();
const writeSession = db.prepare(
  "INSERT INTO sessions (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
const deleteSession = db.prepare("DELETE FROM sessions WHERE key = ?");
const isProcessed = db.prepare("SELECT 1 FROM processed_updates WHERE update_id = ?").pluck();
const markProcessed = db.prepare("INSERT OR IGNORE INTO processed_updates (update_id, processed_at) VALUES (?, ?)");

// grammY's StorageAdapter on better-sqlite3: synchronous statements, so no connection pool and no awaiting the disk.
const storage = {
  read: (key) => {
    const value = readSession.get(key);
    return value === undefined ? undefined : JSON.parse(value);
  },
  write: (key, value) => {
    writeSession.run(key, JSON.stringify(value));
  },
  delete: (key) => {
    deleteSession.run(key);
  },
};

const bot = new Bot(setting("PEER_BOT_TOKEN"), { client: { apiRoot: setting("PEER_API_ROOT") } });

// Telegram redelivers an update it got no 200 for: one already handled is answered 200 and not handled again. The row
// is written after the reply went out and the session was stored, so a failed send leaves the update to the retry.
bot.use(async (ctx, next) => {
  const id = ctx.update.update_id;
  if (isProcessed.get(id) !== undefined) return;
  await next();
  markProcessed.run(id, Date.now());
});

// What the service keeps per person (name, language, when last seen), here as grammY's session per chat.
bot.use(session({
  initial: () => ({ firstName: null, languageCode: null, updates: 0, lastSeen: 0 }),
  storage,
}));

// Every message updates the person's session, as the service updates its member row on every turn.
bot.on("message", async (ctx, next) => {
  const s = ctx.session;
  s.firstName = ctx.from?.first_name ?? null;
  s.languageCode = ctx.from?.language_code ?? null;
  s.updates += 1;
  s.lastSeen = ctx.message.date;
  await next();
});

// Private chats only, like the benchmark's: the service stays quiet in groups unless a command is meant for it.
const inPrivate = bot.chatType("private");
const send = (ctx, reply) => ctx.reply(reply.text, reply.options);
inPrivate.command("start", (ctx) => send(ctx, welcome(ctx.session.firstName)));
inPrivate.command("help", (ctx) => send(ctx, help));
inPrivate.on("message", (ctx) => send(ctx, notUnderstood));

const handleUpdate = webhookCallback(bot, "http", { secretToken: webhookSecret });

// getMe (bot.init) and setWebhook come before /health answers, as the service sets its webhook while it starts.
await bot.init();
await bot.api.setWebhook(webhookUrl, { secret_token: webhookSecret });

const server = http.createServer((req, res) => {
  if (req.method === "GET" && req.url === "/health") {
    res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    return;
  }
  if (req.method !== "POST" || req.url !== "/telegram/webhook") {
    res.writeHead(404).end();
    return;
  }
  // A failed turn answers 500, so Telegram delivers the update again; no personal data in the log line.
  handleUpdate(req, res).catch((error) => {
    console.error(`update failed: ${error?.error?.message ?? error?.message ?? error}`);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => console.log(`grammY peer listening on 127.0.0.1:${port}`));

for (const signal of ["SIGTERM", "SIGINT"])
  process.on(signal, () => {
    server.close();
    db.close();
    process.exit(0);
  });
