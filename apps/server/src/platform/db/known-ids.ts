import { onDataReplaced, type Database } from './index.ts';

/**
 * Ids this process has seen stored, per database, for rows that are only ever added (stub members,
 * stub products). Once an id is known, no further insert attempt is needed, so a stream of facts
 * about known rows costs no write for them. Bulk replacements (restore, demo --replace) clear it
 * through notifyDataReplaced; the size is bounded by starting over.
 */
export interface KnownIds {
  /** the keys whose ids are not known to be stored yet */
  unknown<K>(database: Database, keys: K[], idOf: (key: K) => string): K[];
  remember(database: Database, ids: string[]): void;
}

export function knownIds(max = 2_000_000): KnownIds {
  const byDatabase = new Map<string, Set<string>>();
  onDataReplaced(() => byDatabase.clear());
  const setFor = (database: Database) => {
    let set = byDatabase.get(database.url);
    if (!set || set.size > max) byDatabase.set(database.url, (set = new Set()));
    return set;
  };
  return {
    unknown: (database, keys, idOf) => {
      const set = setFor(database);
      return keys.filter((k) => !set.has(idOf(k)));
    },
    remember: (database, ids) => {
      const set = setFor(database);
      for (const id of ids) set.add(id);
    },
  };
}
