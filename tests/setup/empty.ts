// Stands in for `server-only` (and any other import-for-side-effect guard) under Vitest.
export {};
