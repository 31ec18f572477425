// Configuration from the environment, with the embedded defaults `npm start` runs on.
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { ROLES, type Role } from './domain/access';
import { parseTimeOfDay } from './domain/backups';
import { type CreditRules, parseCreditRules } from './domain/credit/rules';
import { type LeaderDayConfig, parseLeaderDayConfig } from './domain/leaderDay/config';
import { parseRiskConfig, type RiskConfig } from './domain/risk/config';

export interface Config {
  /** The risk model's weights and parameters (config/risk.json; server/domain/risk/config.ts). */
  riskConfigPath: string;
  /** The leader day's agenda rules, caps and follow-up factor (config/leader-day.json; server/domain/leaderDay/config.ts). */
  leaderDayConfigPath: string;
  /** The resident credit points catalogue (config/credit-rules.json; server/domain/credit/rules.ts). */
  creditRulesPath: string;
  port: number;
  host: string;
  dataDir: string;
  dbPath: string;
  /** The city model's 3D Tiles (built by `npm start` / `npm run build:tiles`). */
  tilesDir: string;
  /** Write brotli/gzip copies of the tiles in the background after start (server/ops/tileCompression.ts). */
  precompressTiles: boolean;
  clientDir: string;
  seed: number;
  scale: number;
  /** Live sensing (MQTT ingest); false: the server only serves HTTP. */
  ingest: boolean;
  /** The embedded broker's port and address (used when `mqttUrl` is empty). */
  mqttPort: number;
  mqttHost: string;
  /** An external broker (mqtt://host:1883) instead of the embedded one. */
  mqttUrl: string;
  /** The server's account on the external broker; default: the generated one in the credentials file. */
  mqttUsername: string;
  mqttPassword: string;
  mqttClientId: string;
  /** MQTT 5 shared-subscription group, so several servers split one stream; empty: none. */
  mqttShareGroup: string;
  mqttProtocol: 4 | 5;
  /** Where the generated device and server passwords are written (git-ignored); empty: `$dataDir/device-credentials.json`. */
  credentialsPath: string;
  /** Messages the ingest buffer holds before it pushes back. */
  ingestBuffer: number;
  /** Seconds without a message after which a sensor counts as offline. */
  sensorSilenceS: number;
  /** Days raw telemetry is kept (per-minute rollups are kept). */
  retentionDays: number;
  /** How often coalesced sensor changes go out on /api/live. */
  liveIntervalMs: number;
  /** `npm start` runs the sensor simulator against the broker (SIMULATE=0 turns it off). */
  simulate: boolean;
  /** The simulator's messages per second, all devices together (0: one per device every 2 s). */
  simulateRate: number;
  /** Roles that must sign in with a TOTP second factor (empty: it is optional for everyone). */
  totpRequiredRoles: Role[];
  /** The key TOTP seeds are sealed with (created, mode 0600, when missing); empty: `$dataDir/totp.key`. */
  totpKeyPath: string;
  /** pino's level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** A bearer token that opens /metrics from other machines; empty: loopback only. */
  metricsToken: string;
  /** Where nightly and pre-upgrade backups go; empty: `$dataDir/backups` (see `backupDirOf`). */
  backupDir: string;
  /** The nightly backup's time of day, local "HH:MM"; "off": none. */
  backupAt: string;
  /** Nightly backups kept (older ones are deleted after each new one). */
  backupKeep: number;
  /** The local control socket `npm run backup` asks the running server through (mode 0600); empty: `$dataDir/control.sock`. */
  controlSocket: string;
  /** How often the deadline checker looks for missed limits (ms), and how many cases it reads at a time. */
  deadlineCheckMs: number;
  deadlineCheckBatch: number;
  /** Where uploaded photos are kept, by content hash (empty: `$dataDir/photos`, see `photosDirOf`), and the largest accepted. */
  photosDir: string;
  photoMaxBytes: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

function int(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min || v > max)
    throw new Error(`${name}=${raw}: expected a whole number from ${min} to ${max}`);
  return v;
}

function num(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < min || v > max)
    throw new Error(`${name}=${raw}: expected a number from ${min} to ${max}`);
  return v;
}

function roles(name: string): Role[] {
  const raw = (process.env[name] ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter(Boolean);
  const unknown = raw.filter((r) => !(ROLES as readonly string[]).includes(r));
  if (unknown.length)
    throw new Error(`${name}=${process.env[name]}: unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  return [...new Set(raw as Role[])];
}

function timeOfDay(name: string, fallback: string): string {
  const raw = process.env[name] ?? fallback;
  try {
    parseTimeOfDay(raw);
  } catch (err) {
    throw new Error(`${name}=${raw}: ${(err as Error).message}`);
  }
  return raw;
}

function oneOf(name: string, fallback: string, allowed: readonly string[]): string {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!allowed.includes(raw)) throw new Error(`${name}=${raw}: expected one of ${allowed.join(', ')}`);
  return raw;
}

/** The leader day's configuration a checkout (and a test) reads. */
export const DEFAULT_LEADER_DAY_CONFIG = 'config/leader-day.json';

/** The leader day's configuration from `path`; a missing or invalid file is an error naming it. */
export function loadLeaderDayConfig(path: string = DEFAULT_LEADER_DAY_CONFIG): LeaderDayConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`LEADER_DAY_CONFIG=${path}: cannot read the leader-day configuration (${(err as Error).message})`);
  }
  return parseLeaderDayConfig(text, path);
}

/** The credit rules catalogue a checkout (and a test) reads. */
export const DEFAULT_CREDIT_RULES = 'config/credit-rules.json';

/** The credit rules catalogue from `path`; a missing or invalid file is an error naming it. */
export function loadCreditRules(path: string = DEFAULT_CREDIT_RULES): CreditRules {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`CREDIT_RULES=${path}: cannot read the credit rules (${(err as Error).message})`);
  }
  return parseCreditRules(text, path);
}

/** The risk configuration a checkout (and a test) reads: config/risk.json of the working folder. */
export const DEFAULT_RISK_CONFIG = 'config/risk.json';

/** The risk model's configuration from `path`; a missing or invalid file is an error naming it. */
export function loadRiskConfig(path: string = DEFAULT_RISK_CONFIG): RiskConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`RISK_CONFIG=${path}: cannot read the risk configuration (${(err as Error).message})`);
  }
  return parseRiskConfig(text, path);
}

export function loadConfig(): Config {
  const dataDir = resolve(process.env.DATA_DIR || 'data/generated');
  const host = process.env.HOST || '127.0.0.1';
  return {
    riskConfigPath: resolve(process.env.RISK_CONFIG || DEFAULT_RISK_CONFIG),
    leaderDayConfigPath: resolve(process.env.LEADER_DAY_CONFIG || DEFAULT_LEADER_DAY_CONFIG),
    creditRulesPath: resolve(process.env.CREDIT_RULES || DEFAULT_CREDIT_RULES),
    port: int('PORT', 8080, 0, 65535),
    host: process.env.HOST || '127.0.0.1',
    dataDir,
    dbPath: resolve(process.env.DB_PATH || `${dataDir}/wendu.duckdb`),
    tilesDir: resolve(process.env.TILES_DIR || `${dataDir}/tiles`),
    precompressTiles: process.env.TILES_PRECOMPRESS !== '0',
    clientDir: resolve(process.env.CLIENT_DIR || 'dist/client'),
    seed: int('SEED', 20220601, 0, 2 ** 31 - 1),
    scale: num('SCALE', 1, 0.001, 100),
    ingest: process.env.INGEST !== '0',
    mqttPort: int('MQTT_PORT', 1883, 0, 65535),
    mqttHost: process.env.MQTT_HOST || host,
    mqttUrl: process.env.MQTT_URL || '',
    mqttUsername: process.env.MQTT_USERNAME || '',
    mqttPassword: process.env.MQTT_PASSWORD || '',
    mqttClientId: process.env.MQTT_CLIENT_ID || `wendu-server-${hostname()}`,
    mqttShareGroup: process.env.MQTT_SHARE_GROUP || '',
    mqttProtocol: int('MQTT_PROTOCOL', 5, 4, 5) as 4 | 5,
    credentialsPath: process.env.DEVICE_CREDENTIALS ? resolve(process.env.DEVICE_CREDENTIALS) : '',
    ingestBuffer: int('INGEST_BUFFER', 20_000, 100, 10_000_000),
    sensorSilenceS: num('SENSOR_SILENCE_S', 120, 0.1, 86_400),
    retentionDays: num('TELEMETRY_RETENTION_DAYS', 30, 0.01, 3650),
    liveIntervalMs: int('LIVE_INTERVAL_MS', 1000, 10, 60_000),
    simulate: process.env.SIMULATE !== '0',
    simulateRate: num('SIMULATE_RATE', 0, 0, 1_000_000),
    totpRequiredRoles: roles('TOTP_REQUIRED_ROLES'),
    totpKeyPath: process.env.TOTP_KEY_FILE ? resolve(process.env.TOTP_KEY_FILE) : '',
    logLevel: oneOf('LOG_LEVEL', 'info', LOG_LEVELS),
    metricsToken: process.env.METRICS_TOKEN || '',
    backupDir: process.env.BACKUP_DIR ? resolve(process.env.BACKUP_DIR) : '',
    backupAt: timeOfDay('BACKUP_AT', '02:30'),
    backupKeep: int('BACKUP_KEEP', 7, 1, 10_000),
    controlSocket: process.env.CONTROL_SOCKET ? resolve(process.env.CONTROL_SOCKET) : '',
    deadlineCheckMs: int('DEADLINE_CHECK_MS', 60_000, 100, 86_400_000),
    deadlineCheckBatch: int('DEADLINE_CHECK_BATCH', 200, 1, 100_000),
    photosDir: process.env.PHOTOS_DIR ? resolve(process.env.PHOTOS_DIR) : '',
    photoMaxBytes: int('PHOTO_MAX_BYTES', 8 * 1024 * 1024, 1024, 64 * 1024 * 1024),
  };
}

/** Paths that default to places inside the data folder (so a test's own data folder holds its own). */
export const backupDirOf = (c: Pick<Config, 'backupDir' | 'dataDir'>) => c.backupDir || join(c.dataDir, 'backups');
export const controlSocketOf = (c: Pick<Config, 'controlSocket' | 'dataDir'>) =>
  c.controlSocket || join(c.dataDir, 'control.sock');
export const photosDirOf = (c: Pick<Config, 'photosDir' | 'dataDir'>) => c.photosDir || join(c.dataDir, 'photos');
