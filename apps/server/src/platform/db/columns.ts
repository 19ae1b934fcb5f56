import { timestamp } from 'drizzle-orm/pg-core';

/** Every instant is a `timestamptz` read as a JS Date (UTC inside, Asia/Shanghai only on display). */
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
