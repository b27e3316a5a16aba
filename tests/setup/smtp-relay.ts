// A mail relay on loopback for tests that send real SMTP: starts before the file's tests, points
// SMTP_URL at it, and closes every connection afterwards. `handle` decides how the relay talks.
import net from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export function startLoopbackSmtpRelay(handle: (socket: net.Socket) => void, query = ''): void {
  let server: net.Server;
  const sockets = new Set<net.Socket>();

  beforeAll(async () => {
    server = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => {});
      handle(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // Before anything in the file calls env() (it caches the configuration on first use).
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.address() as net.AddressInfo).port}${query}`;
  });

  afterAll(async () => {
    delete process.env.SMTP_URL;
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
}

/**
 * Speaks enough SMTP on `socket` to take messages (EHLO, MAIL, RCPT, DATA, QUIT). Each message is
 * handed to `received` (its last recipient and its dot-unstuffed body); the relay answers with the
 * reply line it returns, once it has returned it.
 */
export function speakSmtp(socket: net.Socket, received: (message: { to: string; body: string }) => string | Promise<string>): void {
  let buffer = '';
  let data: string[] | null = null;
  let to = '';
  socket.write('220 mail.test ESMTP\r\n');
  socket.on('data', (chunk) => {
    buffer += chunk.toString('utf8');
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      if (data) {
        if (line !== '.') {
          data.push(line.startsWith('..') ? line.slice(1) : line);
          continue;
        }
        const message = { to, body: data.join('\r\n') };
        data = null;
        void Promise.resolve(received(message)).then((reply) => socket.write(`${reply}\r\n`));
        continue;
      }
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO' || verb === 'HELO') socket.write('250 mail.test\r\n');
      else if (verb === 'MAIL' || verb === 'RSET' || verb === 'NOOP') socket.write('250 2.0.0 OK\r\n');
      else if (verb === 'RCPT') {
        to = /<([^>]*)>/.exec(line)?.[1] ?? '';
        socket.write('250 2.1.5 OK\r\n');
      } else if (verb === 'DATA') {
        data = [];
        socket.write('354 End data with <CR><LF>.<CR><LF>\r\n');
      } else if (verb === 'QUIT') socket.end('221 2.0.0 Bye\r\n');
      else socket.write('502 5.5.2 Not implemented\r\n');
    }
  });
}
