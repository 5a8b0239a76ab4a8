import { Worker } from 'node:worker_threads';
import type { MimePiece } from './mime.js';

export interface FileToWrite {
  path: string;
  /** Text, or pieces whose `{ base64 }` bodies the thread encodes in 76-column lines. */
  content: string | MimePiece[];
}

export interface FileWriteRequest {
  /** Directory created (with parents) before the first write. */
  dir: string;
  /** When this file already exists nothing is written and the request resolves `false`. */
  skipIfExists: string;
  /** Written in order, each to a temp file in the same directory and renamed into place. */
  files: FileToWrite[];
}

export interface FileWriterThread {
  /** Resolves `true` once every file is in place, `false` when `skipIfExists` was already there. */
  write(request: FileWriteRequest): Promise<boolean>;
  close(): Promise<void>;
}

// Plain JavaScript evaluated in the thread, so it runs the same under tsx, vitest and a build
// (a .ts thread file needs a loader that vitest's workers do not have). Writes are synchronous in
// the thread: they cost half the CPU of libuv's pool, and the thread has nothing else to do.
const THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const made = new Set();
let counter = 0;
function base64Lines(text) {
  const src = Buffer.from(text, 'utf8');
  const out = Buffer.allocUnsafe(Math.ceil(src.length / 57) * 78);
  let o = 0;
  for (let i = 0; i < src.length; i += 57) {
    if (i > 0) { out[o++] = 13; out[o++] = 10; }
    o += out.write(src.toString('base64', i, Math.min(i + 57, src.length)), o, 'latin1');
  }
  return out.subarray(0, o);
}
function writeAtomic(path, content) {
  const tmp = path + '.' + process.pid + '.w' + (counter++).toString(36) + '.tmp';
  try {
    if (typeof content === 'string') fs.writeFileSync(tmp, content, { encoding: 'utf8', flag: 'wx' });
    else {
      const chunks = content.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : base64Lines(p.base64)));
      fs.writeFileSync(tmp, Buffer.concat(chunks), { flag: 'wx' });
    }
    fs.renameSync(tmp, path);
  } catch (err) {
    try { fs.unlinkSync(tmp); } catch {}
    throw err;
  }
}
parentPort.on('message', ({ id, dir, skipIfExists, files }) => {
  try {
    if (!made.has(dir)) { fs.mkdirSync(dir, { recursive: true }); made.add(dir); }
    if (fs.existsSync(skipIfExists)) return parentPort.postMessage({ id, wrote: false });
    for (const f of files) writeAtomic(f.path, f.content);
    parentPort.postMessage({ id, wrote: true });
  } catch (err) {
    parentPort.postMessage({ id, error: { message: String(err && err.message || err), code: err && err.code } });
  }
});
`;

interface Reply {
  id: number;
  wrote?: boolean;
  error?: { message: string; code?: string };
}

/**
 * File writes off the event loop, in one dedicated thread: a send worker's main thread is its
 * bottleneck, and an email's two files took about an eighth of it (bench:pipeline profile).
 * A write resolves only once its files are renamed into place, so callers keep the ordering
 * guarantees of synchronous writes. The thread starts on first use and again after a crash.
 */
export function createFileWriterThread(): FileWriterThread {
  let worker: Worker | undefined;
  let nextId = 0;
  let closed = false;
  const pending = new Map<number, { resolve(wrote: boolean): void; reject(err: Error): void }>();
  let drained: (() => void) | undefined;

  const failAll = (err: Error) => {
    for (const p of pending.values()) p.reject(err);
    pending.clear();
    drained?.();
  };

  const start = (): Worker => {
    const w = new Worker(THREAD_SOURCE, { eval: true });
    // Held only while writes are in flight, so an idle writer never keeps the process alive.
    w.unref();
    w.on('message', (reply: Reply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (pending.size === 0) {
        w.unref();
        drained?.();
      }
      if (reply.error) {
        const err = new Error(reply.error.message) as NodeJS.ErrnoException;
        if (reply.error.code) err.code = reply.error.code;
        p.reject(err);
      } else p.resolve(reply.wrote === true);
    });
    w.on('error', (err) => failAll(err));
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      failAll(new Error(`outbox writer thread exited with code ${code}`));
    });
    return w;
  };

  return {
    write(request) {
      if (closed) return Promise.reject(new Error('file writer is closed'));
      worker ??= start();
      const w = worker;
      const id = nextId++;
      if (pending.size === 0) w.ref();
      return new Promise<boolean>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.postMessage({ id, ...request });
      });
    },
    /** Lets writes in flight finish (a send must not be cut off between its files), then stops. */
    async close() {
      closed = true;
      if (pending.size > 0) await new Promise<void>((r) => (drained = r));
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
      failAll(new Error('file writer is closed'));
    },
  };
}
