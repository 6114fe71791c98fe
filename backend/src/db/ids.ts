import { randomUUID } from 'node:crypto';

/**
 * Ids of append-only rows (responses, alerts): UUIDv7 (RFC 9562), which begin with the time in
 * ms. Random v4 ids land all over the primary-key index, so every commit dirtied (and the WAL
 * checkpoint rewrote) one index page per row; time-ordered ids fill the index's last pages,
 * which roughly halved the writer's cost on SQLite and keeps PostgreSQL's btree compact too.
 * Built on randomUUID (which draws from a cached entropy pool) rather than a package that asks
 * the OS for 16 bytes per id: ids are made on the hot path of every response.
 */
export function newRowId(now = Date.now()): string {
  const random = randomUUID(); // xxxxxxxx-xxxx-4xxx-Vxxx-xxxxxxxxxxxx, V already the RFC variant
  const ms = now.toString(16).padStart(12, '0').slice(-12);
  return `${ms.slice(0, 8)}-${ms.slice(8)}-7${random.slice(15)}`;
}
