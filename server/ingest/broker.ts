// The embedded MQTT broker (内置消息代理, aedes; MQTT 3.1.1). Devices sign in with their own account;
// anonymous clients and wrong passwords are refused, and a device may publish only to its own
// topics. aedes acknowledges a QoS 1 PUBLISH right after `authorizePublish` calls back, so that is
// where the ingest holds each message until its batch is committed (group commit): an acknowledged
// message is already in DuckDB. aedes reads a client's next socket chunk only when every packet of
// the previous one is done, so held callbacks push back on the sender.

import { type AddressInfo, createServer, type Server } from 'node:net';
import { Aedes, type Client } from 'aedes';
import { MACHINE_DECOY, verifyMachineSecret } from '../auth/machineSecrets';
import { capPerAddress, MQTT_MAX_PER_ADDRESS } from '../connections';
import { mayPublish } from '../domain/telemetry';
import type { MqttAccount } from '../store/mqttAccounts';
import type { IngestPipeline } from './pipeline';

export interface EmbeddedBrokerOptions {
  port: number;
  host: string;
  /** username → account; null: no authentication (the benchmark's bare pass-through broker). */
  accounts: ReadonlyMap<string, MqttAccount> | null;
  /** Where device messages go; null: the broker only forwards (pass-through). */
  pipeline: IngestPipeline | null;
  log?: (msg: string) => void;
  /** A connection that sends no CONNECT within this time is closed (aedes' connectTimeout; 30 s). */
  connectTimeoutMs?: number;
  /** Open connections one address may hold (MQTT_MAX_PER_ADDRESS). */
  maxPerAddress?: number;
}

export interface EmbeddedBroker {
  port: number;
  aedes: Aedes;
  close(): Promise<void>;
}

type ConnackError = Error & { returnCode: 4 | 5 };
const refuse = (code: 4 | 5, message: string): ConnackError => Object.assign(new Error(message), { returnCode: code });

const SERVER_TOPICS = /^(\$share\/[^/#+]+\/)?wendu\/v1\/devices\/(#|\+|[A-Z]{2}-\d{2,6})(\/(#|\+|telemetry|status))?$/;

export async function startEmbeddedBroker(opts: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const signedIn = new WeakMap<Client, MqttAccount>();
  const accounts = opts.accounts;
  const pipeline = opts.pipeline;

  // aedes drains its emitter's backlog recursively: a backlog of thousands overflows the stack, so
  // let that many deliveries run at once instead of queueing them.
  const concurrency = 100_000;
  const connectTimeout = opts.connectTimeoutMs ?? 30_000;
  const aedes = await Aedes.createBroker(
    !accounts && !pipeline
      ? { concurrency, connectTimeout }
      : {
          concurrency,
          connectTimeout,
          authenticate(client, username, password, done) {
            if (!accounts) return done(null, true);
            if (!username || !password) return done(refuse(5, 'anonymous clients are not allowed'), false);
            const account = accounts.get(username);
            verifyMachineSecret(password, account?.passwordHash ?? MACHINE_DECOY).then(
              (ok) => {
                if (ok && account) {
                  signedIn.set(client, account);
                  done(null, true);
                } else done(refuse(4, 'bad username or password'), false);
              },
              () => done(refuse(4, 'bad username or password'), false),
            );
          },
          authorizePublish(client, packet, done) {
            if (accounts) {
              const account = client ? signedIn.get(client) : undefined;
              // the broker's own publications (client null) pass; a device only on its own topics
              if (client && (account?.role !== 'device' || !mayPublish(account.username, packet.topic))) {
                opts.log?.(`refused publish by ${account?.username ?? client.id} to ${packet.topic}`);
                return done(new Error('not authorised to publish here'));
              }
            }
            if (!pipeline || packet.topic.startsWith('$')) return done(null);
            const payload = typeof packet.payload === 'string' ? Buffer.from(packet.payload) : packet.payload;
            pipeline.accept(packet.topic, payload, (err) => done(err ?? null));
          },
          authorizeSubscribe(client, sub, done) {
            if (!accounts) return done(null, sub);
            const account = signedIn.get(client);
            if (account?.role === 'server' && SERVER_TOPICS.test(sub.topic)) return done(null, sub);
            done(null, null); // SUBACK 0x80: refused
          },
        },
  );

  const server: Server = createServer(aedes.handle);
  capPerAddress(server, opts.maxPerAddress ?? MQTT_MAX_PER_ADDRESS);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    port,
    aedes,
    close: () =>
      new Promise<void>((resolve) => {
        aedes.close(() => server.close(() => resolve()));
      }),
  };
}
