// Text the database cannot keep as sent: a NUL character (U+0000), which cuts an SQLite statement short and which
// PostgreSQL cannot store, and a lone UTF-16 surrogate, which has no UTF-8 form and would be stored as U+FFFD.
const UNSTORABLE = /[\u0000\p{Cs}]/u;

export function isUnstorableText(text: string): boolean {
  return UNSTORABLE.test(text);
}
