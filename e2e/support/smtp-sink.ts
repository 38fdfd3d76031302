// A real SMTP server for end-to-end tests: receives mail on SMTP_PORT and lists it over HTTP on HTTP_PORT.
import { createServer } from "node:http";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

const smtpPort = Number(process.env.SMTP_SINK_PORT ?? 2525);
const httpPort = Number(process.env.SMTP_SINK_HTTP_PORT ?? 2526);

interface StoredMail {
  to: string[];
  from: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  receivedAt: string;
}
const inbox: StoredMail[] = [];

const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  logger: false,
  onData(stream, session, callback) {
    simpleParser(stream)
      .then((mail) => {
        const headers: Record<string, string> = {};
        for (const [k, v] of mail.headers) headers[k] = typeof v === "string" ? v : JSON.stringify(v);
        inbox.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          subject: mail.subject ?? "",
          text: mail.text ?? "",
          html: typeof mail.html === "string" ? mail.html : "",
          headers,
          receivedAt: new Date().toISOString(),
        });
        callback();
      })
      .catch((err: Error) => callback(err));
  },
});
smtp.listen(smtpPort, "127.0.0.1");

// GET /messages?to=address → newest first. DELETE /messages empties the inbox.
createServer((req, res) => {
  const url = new URL(req.url ?? "/", `http://127.0.0.1:${httpPort}`);
  if (url.pathname === "/health") return void res.end("ok");
  if (url.pathname !== "/messages") return void res.writeHead(404).end();
  if (req.method === "DELETE") {
    inbox.length = 0;
    return void res.writeHead(204).end();
  }
  const to = url.searchParams.get("to")?.toLowerCase();
  const list = inbox.filter((m) => !to || m.to.includes(to)).reverse();
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(list));
}).listen(httpPort, "127.0.0.1");

console.log(`smtp sink on 127.0.0.1:${smtpPort}, inbox on http://127.0.0.1:${httpPort}/messages`);
