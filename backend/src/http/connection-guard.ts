import { readFileSync } from 'node:fs';
import type { Server, ServerOptions } from 'node:http';
import type { Socket } from 'node:net';

/**
 * How long a client may take and how many sockets it may hold. Node's own defaults let one client
 * keep a socket for 300 s (requestTimeout) and open as many as the open-file limit allows: about
 * 20,000 idle slow-body sockets from one address filled it, and /healthz was refused (issue 23).
 */
export interface ConnectionLimits {
  /** Sockets one remote address may hold at once (0: no cap). */
  perAddress: number;
  /** Sockets the server holds at once; more are closed on arrival (kept under the open-file limit). */
  total: number;
  /** The whole request head must arrive within this. */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** An idle keep-alive socket is closed after this. */
  keepAliveTimeoutMs: number;
}

/**
 * Options for http.createServer: Node checks the header and request timeouts every
 * connectionsCheckingInterval (30 s by default, so a 10 s timeout could last 40 s).
 */
export function serverOptionsFor(limits: ConnectionLimits): ServerOptions {
  return {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.max(250, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
  };
}

export interface ConnectionGuard {
  /** Sockets open now from each address (for tests and /metrics). */
  openFrom(address: string): number;
  /** Sockets closed on arrival because their address held its share already. */
  readonly refused: number;
}

/** Applies the limits to a listening (or about to listen) server. */
export function guardConnections(server: Server, limits: ConnectionLimits): ConnectionGuard {
  server.headersTimeout = limits.headersTimeoutMs;
  server.requestTimeout = limits.requestTimeoutMs;
  server.keepAliveTimeout = limits.keepAliveTimeoutMs;
  server.maxConnections = limits.total;
  const open = new Map<string, number>();
  let refused = 0;
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const n = (open.get(address) ?? 0) + 1;
    if (limits.perAddress > 0 && n > limits.perAddress) {
      refused++;
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left <= 0) open.delete(address);
      else open.set(address, left);
    });
  });
  return {
    openFrom: (address) => open.get(address) ?? 0,
    get refused() {
      return refused;
    },
  };
}

/**
 * Sockets the server may hold by default: the process's soft open-file limit less room for the
 * database, the WAL, logs and the writer thread (Linux: /proc/self/limits), else 1,000.
 */
export function defaultMaxConnections(limitsText?: string): number {
  let text = limitsText;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/self/limits', 'utf8');
    } catch {
      return 1000;
    }
  }
  const m = /^Max open files\s+(\d+|unlimited)/m.exec(text);
  if (!m) return 1000;
  if (m[1] === 'unlimited') return 10_000;
  return Math.max(64, Math.min(10_000, Number(m[1]) - 256));
}
