// The small dataset every test shares (built once by tests/globalSetup.ts).
export const SMALL = { seed: 7, scale: 0.02, today: '2026-11-01T00:00:00.000Z' } as const;
