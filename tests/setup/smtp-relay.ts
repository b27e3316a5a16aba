// A mail relay on loopback for tests that send real SMTP: starts before the file's tests, points
// SMTP_URL at it, and closes every connection afterwards. `handle` decides how the relay talks.
import net from 'node:net';
import { afterAll, beforeAll } from 'vitest';

export function startLoopbackSmtpRelay(handle: (socket: net.Socket) => void): void {
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
    process.env.SMTP_URL = `smtp://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });

  afterAll(async () => {
    delete process.env.SMTP_URL;
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });
}
