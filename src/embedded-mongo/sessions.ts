import { Binary, Long, type Document } from 'bson';
import { commandError } from './errors.js';
import { TransactionView, type Catalog, type Storage } from './storage.js';

interface Transaction {
  txnNumber: string;
  state: 'active' | 'committed' | 'aborted';
  view: TransactionView;
}

interface Session {
  lastUse: number;
  txn?: Transaction;
}

const transient = { errorLabels: ['TransientTransactionError'] };

function sessionKey(lsid: unknown): string | undefined {
  const id = (lsid as Document | undefined)?.id;
  if (id instanceof Binary) return Buffer.from(id.buffer).toString('hex');
  return undefined;
}

function txnKey(value: unknown): string {
  return value instanceof Long ? value.toString() : String(value);
}

/** The catalog a command runs against, and the transaction it belongs to (if any). */
export interface CommandScope {
  catalog: Catalog;
  txn?: Transaction;
}

/**
 * Logical sessions and their multi-document transactions. Single writer by design: a
 * transaction works on a private snapshot and its writes reach the live store at commit.
 */
export class SessionManager {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly storage: Storage) {}

  private session(key: string): Session {
    let s = this.sessions.get(key);
    if (!s) this.sessions.set(key, (s = { lastUse: Date.now() }));
    s.lastUse = Date.now();
    return s;
  }

  /** Works out where a command reads and writes, starting a transaction when asked. */
  scope(command: Document): CommandScope {
    const key = sessionKey(command.lsid);
    if (!key || command.autocommit !== false) return { catalog: this.storage };
    const session = this.session(key);
    const number = txnKey(command.txnNumber);
    if (command.startTransaction === true) {
      if (session.txn && session.txn.txnNumber === number && session.txn.state !== 'aborted') {
        throw commandError(
          225,
          `Cannot start transaction ${number} on session because a newer transaction has already started`,
        );
      }
      session.txn = { txnNumber: number, state: 'active', view: new TransactionView(this.storage) };
      return { catalog: session.txn.view, txn: session.txn };
    }
    const txn = session.txn;
    if (!txn || txn.txnNumber !== number) {
      throw commandError(251, `Transaction with { txnNumber: ${number} } has been aborted.`, transient);
    }
    if (txn.state === 'aborted') {
      throw commandError(251, `Transaction with { txnNumber: ${number} } has been aborted.`, transient);
    }
    if (txn.state === 'committed') {
      throw commandError(256, `Transaction ${number} has been committed.`);
    }
    return { catalog: txn.view, txn };
  }

  commit(command: Document): void {
    const txn = this.find(command);
    if (!txn) throw commandError(251, 'No transaction started', transient);
    if (txn.state === 'committed') return; // a retried commit succeeds again
    if (txn.state === 'aborted') {
      throw commandError(
        251,
        `Transaction with { txnNumber: ${txn.txnNumber} } has been aborted.`,
        transient,
      );
    }
    txn.view.commit();
    txn.state = 'committed';
  }

  abort(command: Document): void {
    const txn = this.find(command);
    if (!txn) throw commandError(251, 'No transaction started', transient);
    if (txn.state === 'committed') throw commandError(256, 'Cannot abort a committed transaction');
    txn.state = 'aborted';
  }

  /** A failed statement aborts its transaction, as on a real server. */
  abortOnError(txn: Transaction | undefined): void {
    if (txn && txn.state === 'active') txn.state = 'aborted';
  }

  end(lsids: unknown[]): void {
    for (const lsid of lsids) {
      const key = sessionKey(lsid);
      if (key) this.sessions.delete(key);
    }
  }

  private find(command: Document): Transaction | undefined {
    const key = sessionKey(command.lsid);
    if (!key) throw commandError(50768, 'commitTransaction and abortTransaction need a session');
    const txn = this.sessions.get(key)?.txn;
    return txn && txn.txnNumber === txnKey(command.txnNumber) ? txn : undefined;
  }

  /** Forgets sessions idle longer than the advertised logical session timeout. */
  reap(timeoutMs: number): void {
    const cutoff = Date.now() - timeoutMs;
    for (const [key, s] of this.sessions) if (s.lastUse < cutoff) this.sessions.delete(key);
  }
}
