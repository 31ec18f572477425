// The server's subscription to an external broker (mosquitto, EMQX): QoS 1, a persistent session
// (clean start off, MQTT 5 session expiry), optionally an MQTT 5 shared subscription so several
// server processes split one stream. Each PUBACK is sent only after the message is committed.
//
// mqtt.js hands a connection's messages over one at a time and sends the PUBACK when `handleMessage`
// calls back; holding that callback until the commit would make every batch one message long. So
// `handleMessage` returns at once, mqtt.js's own PUBACK is held back, and the ingest sends it after
// the commit, on the same connection (after a reconnect the broker sends unacknowledged messages
// again, and the duplicate check keeps them from being stored twice). The broker's in-flight window
// (MQTT 5 Receive Maximum) bounds how many messages wait.
import mqtt, { type IClientOptions, type IPublishPacket, type MqttClient, type Packet } from 'mqtt';
import { TOPIC_PREFIX } from '../domain/telemetry';
import type { IngestPipeline } from './pipeline';

export interface ExternalSubscriberOptions {
  url: string;
  username: string;
  password: string;
  clientId: string;
  /** MQTT 5 shared-subscription group (`$share/<group>/...`); none when empty. */
  shareGroup: string;
  protocolVersion: 4 | 5;
  /** Messages the broker may have in flight to us (MQTT 5 Receive Maximum). */
  receiveMaximum: number;
  pipeline: IngestPipeline;
  log: (msg: string) => void;
}

export interface ExternalSubscriber {
  client: MqttClient;
  /** Resolves once the first subscription is in place (messages published after it are kept for us). */
  subscribed: Promise<void>;
  connected(): boolean;
  close(): Promise<void>;
}

interface MqttInternals {
  _sendPacket(packet: Packet, cb?: (err?: Error) => void, cbStorePut?: () => void, noStore?: boolean): void;
}

export function deviceSubscriptions(shareGroup: string): string[] {
  const prefix = shareGroup ? `$share/${shareGroup}/` : '';
  return [`${prefix}${TOPIC_PREFIX}/+/telemetry`, `${prefix}${TOPIC_PREFIX}/+/status`];
}

export function startExternalSubscriber(opts: ExternalSubscriberOptions): ExternalSubscriber {
  const v5 = opts.protocolVersion === 5;
  const options: IClientOptions = {
    clientId: opts.clientId,
    username: opts.username,
    password: opts.password,
    protocolVersion: opts.protocolVersion,
    clean: false,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    // We subscribe on every connect ourselves: a broker that restarted without its sessions has
    // forgotten the subscription, and mqtt.js does not resubscribe a persistent session by itself.
    resubscribe: false,
    ...(v5 ? { properties: { sessionExpiryInterval: 7 * 24 * 3600, receiveMaximum: opts.receiveMaximum } } : {}),
  };
  const client = mqtt.connect(opts.url, options);
  const internals = client as unknown as MqttInternals;
  const send = internals._sendPacket.bind(client);
  internals._sendPacket = (packet, cb, cbStorePut, noStore) => {
    if (packet.cmd === 'puback') return cb?.(); // sent by us after the commit
    send(packet, cb, cbStorePut, noStore);
  };

  let connection = 0;
  const topics = deviceSubscriptions(opts.shareGroup);
  let onSubscribed: () => void = () => undefined;
  const subscribed = new Promise<void>((resolve) => (onSubscribed = resolve));
  client.on('connect', (connack) => {
    connection++;
    opts.log(`connected to ${opts.url} (session ${connack.sessionPresent ? 'resumed' : 'new'})`);
    client.subscribe(topics, { qos: 1 }, (err, granted) => {
      if (err) opts.log(`subscribe failed: ${err.message}`);
      else if (granted?.some((g) => g.qos > 2))
        opts.log(`subscription refused by the broker: ${JSON.stringify(granted)}`);
      else onSubscribed();
    });
  });
  client.on('reconnect', () => opts.log(`reconnecting to ${opts.url} ...`));
  client.on('error', (err) => opts.log(`broker error: ${err.message}`));
  client.on('offline', () => opts.log('broker connection lost'));

  // A commit acknowledges its whole batch in one go: cork the socket so those PUBACKs leave in one
  // write, not thousands.
  let corked = false;
  const corkUntilNextTick = () => {
    const stream = client.stream;
    if (corked || !stream) return;
    corked = true;
    stream.cork();
    process.nextTick(() => {
      corked = false;
      stream.uncork();
    });
  };

  client.handleMessage = (packet: Packet, callback: (err?: Error) => void) => {
    if (packet.cmd !== 'publish') return callback();
    const p = packet as IPublishPacket;
    const payload = typeof p.payload === 'string' ? Buffer.from(p.payload) : p.payload;
    const mine = connection;
    opts.pipeline.accept(p.topic, payload, (err) => {
      if (p.qos === 0) return;
      if (err) {
        // not stored: drop the connection, so the broker delivers it again after the reconnect
        client.stream?.destroy();
        return;
      }
      if (mine !== connection || !client.connected) return;
      corkUntilNextTick();
      send(
        { cmd: 'puback', messageId: p.messageId, ...(v5 ? { reasonCode: 0 } : {}) } as Packet,
        undefined,
        undefined,
        true,
      );
    });
    callback();
  };

  return {
    client,
    subscribed,
    connected: () => client.connected,
    close: () => new Promise<void>((resolve) => client.end(false, {}, () => resolve())),
  };
}
