// The DuckDB schema, as numbered migrations applied in order and recorded in schema_migrations.
// Geometry is stored as GeoJSON text with a bounding box (DuckDB's spatial extension cannot be
// installed here); points as lon/lat doubles plus an H3 cell for aggregation.

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const bbox = 'min_lon DOUBLE NOT NULL, min_lat DOUBLE NOT NULL, max_lon DOUBLE NOT NULL, max_lat DOUBLE NOT NULL';

// Migration 3's telemetry columns (frozen with it; the payload contract lives in domain/telemetry.ts).
const TELEMETRY_METRICS = [
  'water_level_m',
  'cover_tilt_deg',
  'ch4_lel',
  'h2s_ppm',
  'rainfall_mm_h',
  'river_level_m',
  'battery_pct',
  'signal_dbm',
];
const TELEMETRY_COLUMNS = [...TELEMETRY_METRICS.map((m) => `${m} DOUBLE`), 'cover_open BOOLEAN'].join(', ');
const ROLLUP_COLUMNS = [
  ...TELEMETRY_METRICS.flatMap((m) => [`${m}_avg DOUBLE`, `${m}_min DOUBLE`, `${m}_max DOUBLE`]),
  'cover_open_ratio DOUBLE',
].join(', ');

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'reference dataset',
    sql: `
CREATE TABLE dataset_meta (key VARCHAR PRIMARY KEY, value VARCHAR NOT NULL);
CREATE TABLE admin_units (
  id VARCHAR PRIMARY KEY, code VARCHAR NOT NULL, name VARCHAR NOT NULL, level VARCHAR NOT NULL,
  area VARCHAR, parent_id VARCHAR, path VARCHAR NOT NULL, geometry VARCHAR NOT NULL,
  centroid_lon DOUBLE NOT NULL, centroid_lat DOUBLE NOT NULL, area_m2 DOUBLE NOT NULL, ${bbox});
CREATE TABLE roads (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, class VARCHAR NOT NULL, line VARCHAR NOT NULL, width_m DOUBLE NOT NULL, ${bbox});
CREATE TABLE rivers (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, line VARCHAR NOT NULL, width_m DOUBLE NOT NULL, ${bbox});
CREATE TABLE buildings (
  id VARCHAR PRIMARY KEY, grid_id VARCHAR NOT NULL, address VARCHAR NOT NULL, use VARCHAR NOT NULL,
  floors INTEGER NOT NULL, height_m DOUBLE NOT NULL, footprint VARCHAR NOT NULL, lon DOUBLE NOT NULL, lat DOUBLE NOT NULL,
  dwellings INTEGER NOT NULL);
CREATE TABLE departments (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, name_en VARCHAR NOT NULL);
CREATE TABLE components (
  id VARCHAR PRIMARY KEY, code VARCHAR NOT NULL, category_code VARCHAR NOT NULL, category VARCHAR NOT NULL,
  subtype_code VARCHAR NOT NULL, subtype VARCHAR NOT NULL, department_id VARCHAR NOT NULL, state VARCHAR NOT NULL,
  lon DOUBLE NOT NULL, lat DOUBLE NOT NULL, h3 VARCHAR NOT NULL, grid_id VARCHAR NOT NULL, road_id VARCHAR);
CREATE TABLE cameras (
  id VARCHAR PRIMARY KEY, code VARCHAR NOT NULL, owner VARCHAR NOT NULL, lon DOUBLE NOT NULL, lat DOUBLE NOT NULL,
  heading_deg DOUBLE NOT NULL, fov_deg DOUBLE NOT NULL, range_m DOUBLE NOT NULL, height_m DOUBLE NOT NULL,
  online BOOLEAN NOT NULL, grid_id VARCHAR NOT NULL);
CREATE TABLE patrol_points (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, lon DOUBLE NOT NULL, lat DOUBLE NOT NULL, grid_id VARCHAR NOT NULL);
CREATE TABLE sensors (id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, component_id VARCHAR, lon DOUBLE NOT NULL, lat DOUBLE NOT NULL, grid_id VARCHAR NOT NULL);
CREATE TABLE taxonomy_categories (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, name_en VARCHAR NOT NULL);
CREATE TABLE taxonomy_subcategories (code VARCHAR PRIMARY KEY, category_code VARCHAR NOT NULL, name VARCHAR NOT NULL, name_en VARCHAR NOT NULL);
CREATE TABLE taxonomy_items (
  code VARCHAR PRIMARY KEY, subcategory_code VARCHAR NOT NULL, category_code VARCHAR NOT NULL, name VARCHAR NOT NULL,
  name_en VARCHAR NOT NULL, department_id VARCHAR NOT NULL, time_limit_hours INTEGER NOT NULL, severity INTEGER NOT NULL);
CREATE TABLE households (id VARCHAR PRIMARY KEY, building_id VARCHAR NOT NULL, grid_id VARCHAR NOT NULL, address VARCHAR NOT NULL, size INTEGER NOT NULL);
CREATE TABLE residents (
  id VARCHAR PRIMARY KEY, household_id VARCHAR NOT NULL, grid_id VARCHAR NOT NULL, name VARCHAR NOT NULL,
  id_number VARCHAR NOT NULL, phone VARCHAR NOT NULL, sex VARCHAR NOT NULL, birth_date DATE NOT NULL, tags VARCHAR NOT NULL);
CREATE TABLE organisations (
  id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, name VARCHAR NOT NULL, parent_id VARCHAR, admin_unit_id VARCHAR NOT NULL,
  lon DOUBLE, lat DOUBLE);
CREATE TABLE unit_heads (resident_id VARCHAR NOT NULL, party_group_id VARCHAR NOT NULL, building_id VARCHAR NOT NULL, unit INTEGER NOT NULL);
CREATE TABLE grid_workers (id VARCHAR PRIMARY KEY, grid_id VARCHAR NOT NULL, name VARCHAR NOT NULL, phone VARCHAR NOT NULL);
CREATE TABLE events (
  id VARCHAR PRIMARY KEY, code VARCHAR NOT NULL, item_code VARCHAR NOT NULL, source VARCHAR NOT NULL, grid_id VARCHAR NOT NULL,
  lon DOUBLE NOT NULL, lat DOUBLE NOT NULL, h3 VARCHAR NOT NULL, reported_at TIMESTAMP NOT NULL, deadline_at TIMESTAMP NOT NULL,
  department_id VARCHAR NOT NULL, status VARCHAR NOT NULL, closed_at TIMESTAMP, overdue BOOLEAN NOT NULL, description VARCHAR NOT NULL);
CREATE TABLE event_steps (event_id VARCHAR NOT NULL, seq INTEGER NOT NULL, stage VARCHAR NOT NULL, "at" TIMESTAMP NOT NULL, actor VARCHAR NOT NULL, note VARCHAR NOT NULL);
CREATE TABLE sentiments (id VARCHAR PRIMARY KEY, grid_id VARCHAR NOT NULL, topic VARCHAR NOT NULL, polarity INTEGER NOT NULL, "at" TIMESTAMP NOT NULL, text VARCHAR NOT NULL);
`,
  },
  {
    version: 2,
    name: 'users, sessions and the audit log',
    sql: `
CREATE TABLE users (
  id VARCHAR PRIMARY KEY, username VARCHAR NOT NULL UNIQUE, display_name VARCHAR NOT NULL, role VARCHAR NOT NULL,
  unit_id VARCHAR, department_id VARCHAR, password_hash VARCHAR NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0, locked_until TIMESTAMP, created_at TIMESTAMP NOT NULL, disabled BOOLEAN NOT NULL DEFAULT false);
CREATE TABLE sessions (
  token_hash VARCHAR PRIMARY KEY, user_id VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, expires_at TIMESTAMP NOT NULL,
  ip VARCHAR, user_agent VARCHAR);
-- Append-only: the store exposes no update or delete, and each row carries the hash of the one before
-- it, so a row changed or removed behind the platform's back breaks the chain (verifyAuditChain).
CREATE TABLE audit_log (
  seq BIGINT PRIMARY KEY, "at" TIMESTAMP NOT NULL, actor_id VARCHAR, actor VARCHAR NOT NULL, role VARCHAR, action VARCHAR NOT NULL,
  target_type VARCHAR, target_id VARCHAR, reason VARCHAR, ip VARCHAR, user_agent VARCHAR, outcome VARCHAR NOT NULL,
  prev_hash VARCHAR NOT NULL, hash VARCHAR NOT NULL);
`,
  },
  {
    version: 3,
    name: 'live sensing: device accounts, telemetry, rollups, state, rejects, alarms',
    sql: `
CREATE TABLE mqtt_accounts (
  username VARCHAR PRIMARY KEY, role VARCHAR NOT NULL, device_id VARCHAR, salt VARCHAR NOT NULL, hash VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL);
CREATE TABLE telemetry (
  device_id VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, received_at TIMESTAMP NOT NULL,
  ${TELEMETRY_COLUMNS});
CREATE TABLE device_status (device_id VARCHAR NOT NULL, status VARCHAR NOT NULL, ts TIMESTAMP NOT NULL, received_at TIMESTAMP NOT NULL);
CREATE TABLE sensor_state (
  device_id VARCHAR PRIMARY KEY, online BOOLEAN NOT NULL, ts TIMESTAMP, received_at TIMESTAMP, status_at TIMESTAMP,
  ${TELEMETRY_COLUMNS}, saved_at TIMESTAMP NOT NULL);
CREATE TABLE telemetry_minute (
  device_id VARCHAR NOT NULL, minute TIMESTAMP NOT NULL, samples INTEGER NOT NULL,
  ${ROLLUP_COLUMNS},
  PRIMARY KEY (device_id, minute));
CREATE TABLE ingest_rejects (
  received_at TIMESTAMP NOT NULL, topic VARCHAR NOT NULL, device_id VARCHAR, reason VARCHAR NOT NULL, detail VARCHAR NOT NULL,
  size_bytes INTEGER NOT NULL, payload BLOB NOT NULL);
CREATE SEQUENCE alarm_seq START 1;
CREATE TABLE alarms (
  id VARCHAR PRIMARY KEY, device_id VARCHAR NOT NULL, rule VARCHAR NOT NULL, metric VARCHAR NOT NULL, item_code VARCHAR NOT NULL,
  severity INTEGER NOT NULL, status VARCHAR NOT NULL, message VARCHAR NOT NULL, value DOUBLE, threshold DOUBLE,
  raised_at TIMESTAMP NOT NULL, acknowledged_at TIMESTAMP, acknowledged_by VARCHAR, cleared_at TIMESTAMP, event_id VARCHAR,
  lon DOUBLE NOT NULL, lat DOUBLE NOT NULL, grid_id VARCHAR NOT NULL);
`,
  },
  {
    version: 4,
    name: 'events without a primary-key index',
    // Sensor alarms insert into events while telemetry streams in. With the primary-key index every
    // checkpoint rewrote it (~75 ms on 170,000 events, measured), stalling ingest and alarms. Ids are
    // unique by construction (the generator's serial, the alarm sequence), so the index goes.
    sql: `
CREATE TABLE events_v4 (
  id VARCHAR NOT NULL, code VARCHAR NOT NULL, item_code VARCHAR NOT NULL, source VARCHAR NOT NULL, grid_id VARCHAR NOT NULL,
  lon DOUBLE NOT NULL, lat DOUBLE NOT NULL, h3 VARCHAR NOT NULL, reported_at TIMESTAMP NOT NULL, deadline_at TIMESTAMP NOT NULL,
  department_id VARCHAR NOT NULL, status VARCHAR NOT NULL, closed_at TIMESTAMP, overdue BOOLEAN NOT NULL, description VARCHAR NOT NULL);
INSERT INTO events_v4 SELECT * FROM events;
DROP TABLE events;
ALTER TABLE events_v4 RENAME TO events;
`,
  },
  {
    version: 5,
    name: 'MQTT passwords in the one password format',
    // Device and server passwords were scrypt (N=16384, r=8, p=1, 32-byte key) with salt and key in two
    // hex columns; auth/passwords.ts stores the same derivation as `scrypt$N$r$p$salt$key` (base64url,
    // unpadded), so every existing account converts in place and its password still signs in.
    sql: `
CREATE TABLE mqtt_accounts_v5 (
  username VARCHAR PRIMARY KEY, role VARCHAR NOT NULL, device_id VARCHAR, password_hash VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL);
INSERT INTO mqtt_accounts_v5
SELECT username, role, device_id,
  'scrypt$16384$8$1$' || rtrim(translate(to_base64(unhex(salt)), '+/', '-_'), '=')
    || '$' || rtrim(translate(to_base64(unhex(hash)), '+/', '-_'), '='),
  created_at
FROM mqtt_accounts;
DROP TABLE mqtt_accounts;
ALTER TABLE mqtt_accounts_v5 RENAME TO mqtt_accounts;
`,
  },
  {
    version: 6,
    name: 'accounts: first-sign-in password change, audit detail',
    // `detail` holds an account change's before and after (JSON); it joins the hash only when present,
    // so the chain of older entries verifies unchanged.
    sql: `
ALTER TABLE users ADD COLUMN must_change_password BOOLEAN DEFAULT false;
UPDATE users SET must_change_password = false;
ALTER TABLE audit_log ADD COLUMN detail VARCHAR;
`,
  },
  {
    version: 7,
    name: 'second factors: TOTP seeds and recovery codes',
    // `secret` is the TOTP seed sealed with AES-256-GCM under the server's key file (auth/secretBox.ts),
    // never in clear; `enabled` is false until the user confirms a code; `last_step` is the last time
    // step accepted, so a code works once. Recovery codes are stored as SHA-256 hashes, each used once.
    sql: `
CREATE TABLE user_totp (
  user_id VARCHAR PRIMARY KEY, secret VARCHAR NOT NULL, enabled BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL,
  enabled_at TIMESTAMP, last_step BIGINT);
CREATE TABLE user_recovery_codes (
  user_id VARCHAR NOT NULL, code_hash VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, used_at TIMESTAMP);
`,
  },
  {
    version: 8,
    name: "the workflow history's actors as staff accounts",
    // The generator now names the staff accounts (domain/staffAccounts.ts) as a step's actor; a store
    // generated before keeps its history and gets the same names here: a grid worker by their id
    // (S-gw001), a village committee (S-v-<village>), a centre seat (S-seat01), a department (S-d02),
    // and the evaluation, once the centre's, by the seat that filed the case. Channels stay as they are.
    // On a store being built the table is still empty, and this changes nothing.
    sql: `
UPDATE event_steps SET actor = 'S-' || lower(w.id) FROM grid_workers w WHERE event_steps.actor = 'grid-worker:' || w.grid_id;
UPDATE event_steps SET actor = 'S-v-' || lower(substr(actor, 19)) WHERE starts_with(actor, 'village-committee:');
UPDATE event_steps SET actor = 'S-seat' || substr(actor, 13) WHERE starts_with(actor, 'centre-seat:');
UPDATE event_steps SET actor = 'S-' || lower(actor) WHERE regexp_full_match(actor, 'D[0-9]{2}');
UPDATE event_steps SET actor = f.actor FROM event_steps f
  WHERE event_steps.actor = 'centre' AND event_steps.stage = 'evaluate' AND f.event_id = event_steps.event_id AND f.stage = 'file';
`,
  },
  {
    version: 9,
    name: 'the case workflow: actions and roles in the timeline, tasks, deductions, who holds a case',
    // The timeline stays the source of truth (domain/workflow replays it); events gain the columns the
    // lists filter on (who must act, the running deadline and warning, when the deadline checker looks
    // next, who supervises), event_tasks holds each dispatch's tasks, case_deductions the points lost —
    // unique per (case, clock, holder), so a deduction is never made twice. History's steps get their
    // action from the stage and their role from the staff account's id (frozen here; the loader and
    // domain/workflow/replay.ts say the same). Open cases are projected by store/caseProjection.ts at
    // start, closed ones need nothing.
    sql: `
ALTER TABLE event_steps ADD COLUMN action VARCHAR;
ALTER TABLE event_steps ADD COLUMN role VARCHAR;
ALTER TABLE event_steps ADD COLUMN detail VARCHAR;
UPDATE event_steps SET
  action = CASE stage WHEN 'collect' THEN 'report' WHEN 'file' THEN 'file' WHEN 'dispatch' THEN 'dispatch'
    WHEN 'handle' THEN 'accept' WHEN 'feedback' THEN 'feedback' WHEN 'verify' THEN 'verify' WHEN 'evaluate' THEN 'evaluate' END,
  role = CASE
    WHEN starts_with(actor, 'S-gw') THEN 'gridworker'
    WHEN starts_with(actor, 'S-v-') OR starts_with(actor, 'S-c-') THEN 'community'
    WHEN starts_with(actor, 'S-s-') OR starts_with(actor, 'S-t-') THEN 'subdistrict'
    WHEN starts_with(actor, 'S-seat') THEN 'centre'
    WHEN regexp_full_match(actor, 'S-d[0-9]{2}') THEN 'department' END;
ALTER TABLE events ADD COLUMN holders VARCHAR[];
ALTER TABLE events ADD COLUMN due_at TIMESTAMP;
ALTER TABLE events ADD COLUMN warn_at TIMESTAMP;
ALTER TABLE events ADD COLUMN check_at TIMESTAMP;
ALTER TABLE events ADD COLUMN supervised_by VARCHAR;
UPDATE events SET holders = [] WHERE status IN ('closed', 'rejected', 'merged');
CREATE TABLE event_tasks (
  event_id VARCHAR NOT NULL, task_no INTEGER NOT NULL, role VARCHAR NOT NULL, assignee VARCHAR NOT NULL,
  assignee_kind VARCHAR NOT NULL, assignee_level VARCHAR, state VARCHAR NOT NULL, assigned_at TIMESTAMP NOT NULL,
  limit_minutes INTEGER NOT NULL, deadline_at TIMESTAMP, extension_hours_pending INTEGER);
CREATE TABLE case_deductions (
  event_id VARCHAR NOT NULL, clock VARCHAR NOT NULL, holder VARCHAR NOT NULL, stage VARCHAR NOT NULL,
  due_at TIMESTAMP NOT NULL, deducted_at TIMESTAMP NOT NULL, points INTEGER NOT NULL, reason VARCHAR NOT NULL,
  PRIMARY KEY (event_id, clock, holder));
CREATE SEQUENCE report_seq START 1;
`,
  },
  {
    version: 10,
    name: 'photos on a case: which step carries which uploaded photo',
    // The photo files live in the photos folder by content hash (server/store/photos.ts); this names
    // them from the step that brought them (the report, a feedback), in the order given.
    sql: `
CREATE TABLE event_photos (
  event_id VARCHAR NOT NULL, seq INTEGER NOT NULL, no INTEGER NOT NULL, photo_id VARCHAR NOT NULL,
  PRIMARY KEY (event_id, seq, no));
`,
  },
  {
    version: 11,
    name: "each case's share of the assessment, kept with its projection",
    // What a case adds to the assessment's counts (domain/workflow/projection.ts caseAssessmentOf): how
    // many timed stages its status entered, working minutes from report to closure, each task
    // dispatched and returned (their assignees), verifications and reworks, the rating. Small integers
    // and an ENUM, not text: a year's assessment groups half a million cases by them (store/assessment.ts).
    // Written with the rest of the projection; a store from before gets them from its timelines at
    // start (store/caseProjection.ts: NULL verifications = not yet).
    sql: `
CREATE TYPE satisfaction AS ENUM ('satisfied', 'basically-satisfied', 'dissatisfied');
ALTER TABLE events ADD COLUMN stages_entered TINYINT;
ALTER TABLE events ADD COLUMN handling_minutes DOUBLE;
ALTER TABLE events ADD COLUMN dispatched_to VARCHAR[];
ALTER TABLE events ADD COLUMN returned_by VARCHAR[];
ALTER TABLE events ADD COLUMN verifications INTEGER;
ALTER TABLE events ADD COLUMN reworks INTEGER;
ALTER TABLE events ADD COLUMN rating satisfaction;
`,
  },
  {
    version: 12,
    name: 'H3 cells at resolutions 8, 9 and 10 on the things and cases the risk model counts; camera cover of buildings',
    // The risk model (domain/risk, store/risk.ts) groups by H3 cell at three resolutions and by admin
    // unit. Cells are made in TypeScript (h3-js: DuckDB's h3 extension cannot be installed here):
    // resolution 10 from the coordinates, 8 and 9 as its parents; events keep their resolution-9 \`h3\`
    // (from the coordinates) and gain 8 and 10. \`camera_seen\`: some camera's view sector
    // (domain/cameraCoverage.ts) reaches the building's centroid. The columns start NULL and
    // store/cells.ts fills every NULL, after a load and at each start (a store from before this).
    sql: `
ALTER TABLE buildings ADD COLUMN h3_r8 VARCHAR;
ALTER TABLE buildings ADD COLUMN h3_r9 VARCHAR;
ALTER TABLE buildings ADD COLUMN h3_r10 VARCHAR;
ALTER TABLE buildings ADD COLUMN camera_seen BOOLEAN;
ALTER TABLE cameras ADD COLUMN h3_r8 VARCHAR;
ALTER TABLE cameras ADD COLUMN h3_r9 VARCHAR;
ALTER TABLE cameras ADD COLUMN h3_r10 VARCHAR;
ALTER TABLE sensors ADD COLUMN h3_r8 VARCHAR;
ALTER TABLE sensors ADD COLUMN h3_r9 VARCHAR;
ALTER TABLE sensors ADD COLUMN h3_r10 VARCHAR;
ALTER TABLE events ADD COLUMN h3_r8 VARCHAR;
ALTER TABLE events ADD COLUMN h3_r10 VARCHAR;
`,
  },
  {
    version: 13,
    name: 'the leader scheduling day (市级领导调度日): leader days, agendas, instructions; the leader-supervised mark on events',
    // One leader day per month (leader_days), its agenda in order (leader_day_agenda: which rules
    // proposed each case, the centre's note, who added it) and the leader's instructions
    // (leader_day_decisions, 批示: the lead department and co-handlers with their deadlines, as JSON).
    // The instruction's workflow steps live in event_steps like every other; events gain the mark
    // 领导督办 (who among the city leaders supervises, since when), kept with the projection
    // (domain/workflow/projection.ts) and filled here from the history's leader supervisions.
    sql: `
CREATE TABLE leader_days (
  month VARCHAR PRIMARY KEY, leader_id VARCHAR NOT NULL, held_at TIMESTAMP, status VARCHAR NOT NULL,
  created_by VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL);
CREATE TABLE leader_day_agenda (
  month VARCHAR NOT NULL, position INTEGER NOT NULL, event_id VARCHAR NOT NULL, rules VARCHAR[] NOT NULL,
  note VARCHAR, added_by VARCHAR NOT NULL, added_at TIMESTAMP NOT NULL, PRIMARY KEY (month, event_id));
CREATE TABLE leader_day_decisions (
  month VARCHAR NOT NULL, event_id VARCHAR NOT NULL, text VARCHAR NOT NULL, lead_department VARCHAR NOT NULL,
  lead_deadline_at TIMESTAMP NOT NULL, co_handlers VARCHAR NOT NULL, decided_by VARCHAR NOT NULL,
  decided_at TIMESTAMP NOT NULL, first_seq INTEGER NOT NULL, PRIMARY KEY (month, event_id));
ALTER TABLE events ADD COLUMN leader_supervised_by VARCHAR;
ALTER TABLE events ADD COLUMN leader_supervised_at TIMESTAMP;
UPDATE events SET leader_supervised_by = s.actor, leader_supervised_at = s."at"
  FROM (SELECT event_id, arg_max(actor, seq) AS actor, arg_max("at", seq) AS "at" FROM event_steps
        WHERE action = 'supervise' AND role = 'leader' GROUP BY event_id) s
  WHERE events.id = s.event_id;
`,
  },
  {
    version: 14,
    name: 'residents: registered here but living elsewhere; no phone for young children',
    // Issue 14's calibrated people: working-age adults of the villages registered at home but living
    // elsewhere (人户分离), and phones only from age 12. A store generated before keeps its people:
    // nobody away, everyone with the phone they had.
    sql: `
ALTER TABLE residents ALTER COLUMN phone DROP NOT NULL;
ALTER TABLE residents ADD COLUMN lives_elsewhere BOOLEAN DEFAULT false;
`,
  },
  {
    version: 15,
    name: "resident credit points: records and their steps; who reported a resident's case",
    // Issue 18 (domain/credit/record.ts): a record freezes its rule's version, name, points, fading and
    // repair path when proposed, so a changed catalogue never rewrites it; only the stored state moves
    // (effective and faded are read off the clock). credit_steps holds who did what, when and why. The
    // history's records are 'CH…', the platform's 'CR…' from credit_seq. events.reporter_resident_id: the
    // resident behind a 随手拍 report, so closing the case proposes their record (store/credit.ts).
    sql: `
CREATE TABLE credit_records (
  id VARCHAR PRIMARY KEY, resident_id VARCHAR NOT NULL, grid_id VARCHAR NOT NULL, rule_code VARCHAR NOT NULL,
  rule_version INTEGER NOT NULL, rule_name VARCHAR NOT NULL, rule_name_en VARCHAR NOT NULL, kind VARCHAR NOT NULL,
  points INTEGER NOT NULL, fade_months INTEGER, repair_after_months INTEGER, repair_positive_points INTEGER,
  occurred_on DATE NOT NULL, evidence VARCHAR NOT NULL, note VARCHAR, case_id VARCHAR, state VARCHAR NOT NULL,
  proposed_by VARCHAR NOT NULL, proposed_role VARCHAR NOT NULL, proposed_at TIMESTAMP NOT NULL,
  confirmed_by VARCHAR, confirmed_at TIMESTAMP, published_at TIMESTAMP, public_until TIMESTAMP,
  appeal_outcome VARCHAR);
CREATE TABLE credit_steps (
  record_id VARCHAR NOT NULL, seq INTEGER NOT NULL, action VARCHAR NOT NULL, actor_id VARCHAR NOT NULL,
  role VARCHAR NOT NULL, "at" TIMESTAMP NOT NULL, reason VARCHAR, detail VARCHAR, PRIMARY KEY (record_id, seq));
CREATE SEQUENCE credit_seq START 1;
ALTER TABLE events ADD COLUMN reporter_resident_id VARCHAR;
`,
  },
  {
    version: 16,
    name: 'roads: their kind in the hierarchy (expressway … lane, railway)',
    // Issue 14's road hierarchy. A store generated before has only arterials and collectors.
    sql: `
ALTER TABLE roads ADD COLUMN kind VARCHAR;
UPDATE roads SET kind = CASE class WHEN 'main' THEN 'arterial' ELSE 'collector' END;
`,
  },
  {
    version: 17,
    name: 'buildings: their kind within the use and the year they were built',
    // Issue 14's buildings by age and use (model.ts BuildingKind; era = domain/buildingEra.ts eraOf).
    // A store generated before knows neither: its buildings get the plain kind of their use and no year.
    sql: `
ALTER TABLE buildings ADD COLUMN kind VARCHAR;
ALTER TABLE buildings ADD COLUMN built_year INTEGER;
UPDATE buildings SET kind = CASE use WHEN 'residential' THEN 'walk-up' WHEN 'commercial' THEN 'shop'
  WHEN 'public' THEN 'community-centre' WHEN 'industrial' THEN 'factory' ELSE 'village-house' END;
`,
  },
  {
    version: 18,
    name: 'the ground: waters, land use and the elevation model',
    // Issue 14's ground in the twin: ponds and reservoirs (waters), land use over the county and the
    // elevation model (one row of heights per latitude). A store generated before has none: its twin
    // draws the bare globe, as before.
    sql: `
CREATE TABLE waters (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, kind VARCHAR NOT NULL, grid_id VARCHAR NOT NULL,
  polygon VARCHAR NOT NULL, area_m2 DOUBLE NOT NULL, ${bbox});
CREATE TABLE land_use (id VARCHAR PRIMARY KEY, kind VARCHAR NOT NULL, name VARCHAR NOT NULL, polygon VARCHAR NOT NULL,
  area_m2 DOUBLE NOT NULL, ${bbox});
CREATE TABLE terrain (row_index INTEGER PRIMARY KEY, lat DOUBLE NOT NULL, west DOUBLE NOT NULL, step_deg DOUBLE NOT NULL,
  heights_dm VARCHAR NOT NULL);
`,
  },
  {
    version: 19,
    name: "the county's townships and the compounds' blocks for the base map",
    // Issue 14's places: every town of the county with its territory and seat (model.ts Township), so
    // the ground draws the whole county's partition and the names of the towns outside the pilot; and
    // the residential compounds (小区) as walled blocks with their gates. A store generated before has
    // neither: its ground shows the pilot towns only and no compounds, as before.
    sql: `
CREATE TABLE townships (code VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, pilot BOOLEAN NOT NULL, polygon VARCHAR NOT NULL,
  seat_lon DOUBLE NOT NULL, seat_lat DOUBLE NOT NULL, ${bbox});
CREATE TABLE compounds (id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, grid_id VARCHAR NOT NULL, block VARCHAR NOT NULL,
  gate_name VARCHAR NOT NULL, gate_lon DOUBLE NOT NULL, gate_lat DOUBLE NOT NULL, ${bbox});
`,
  },
  {
    version: 20,
    name: "a case's lists of ids as text, so that an action updates its row in place",
    // holders, dispatched_to and returned_by were VARCHAR[]: DuckDB updates a LIST column by deleting
    // the row and appending it again, so each action rewrote its case's whole row (13–16 ms for a
    // batch of 23 cases at scale 1, against 6 ms for the same update in place). Now comma-joined ids
    // (store/idLists.ts): '' the empty list, NULL still "not projected yet".
    sql: `
ALTER TABLE events ALTER COLUMN holders TYPE VARCHAR USING array_to_string(holders, ',');
ALTER TABLE events ALTER COLUMN dispatched_to TYPE VARCHAR USING array_to_string(dispatched_to, ',');
ALTER TABLE events ALTER COLUMN returned_by TYPE VARCHAR USING array_to_string(returned_by, ',');
`,
  },
];
