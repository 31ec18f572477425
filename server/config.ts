// Configuration from the environment, with the embedded defaults `npm start` runs on.
import { resolve } from 'node:path';

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  dbPath: string;
  clientDir: string;
  seed: number;
  scale: number;
}

function int(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max) throw new Error(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
  return v;
}

function num(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max) throw new Error(`${name}=${raw}: expected a number from ${min} to ${max}`);
  return v;
}

export function loadConfig(): Config {
  const dataDir = resolve(process.env.DATA_DIR || 'data/generated');
  return {
    port: int('PORT', 8080, 0, 65535),
    host: process.env.HOST || '127.0.0.1',
    dataDir,
    dbPath: resolve(process.env.DB_PATH || `${dataDir}/wendu.duckdb`),
    clientDir: resolve(process.env.CLIENT_DIR || 'dist/client'),
    seed: int('SEED', 20220601, 0, 2 ** 31 - 1),
    scale: num('SCALE', 1, 0.001, 100),
  };
}
