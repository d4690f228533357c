// Free TCP ports on ::1, asked of the OS (bind to port 0, read it back, release it).
import { createServer } from 'node:net';

export function freePort(host = '::1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ host, port: 0 }, () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => resolve(port));
    });
  });
}
