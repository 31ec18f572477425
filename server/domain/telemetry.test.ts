import { describe, expect, it } from 'vitest';
import { mayPublish, parseTopic } from './telemetry';

describe('parseTopic / mayPublish', () => {
  it.each([
    ['wendu/v1/devices/MH-0001/telemetry', { deviceId: 'MH-0001', channel: 'telemetry' }],
    ['wendu/v1/devices/RG-01/status', { deviceId: 'RG-01', channel: 'status' }],
    ['wendu/v2/devices/MH-0001/telemetry', null],
    ['wendu/v1/devices/../telemetry', null],
    ['wendu/v1/devices/MH-0001/telemetry/x', null],
    ['wendu/v1/devices/mh-1/telemetry', null],
  ])('%s', (topic, expected) => expect(parseTopic(topic)).toEqual(expected));

  it('lets a device publish only on its own topics', () => {
    expect(mayPublish('MH-0001', 'wendu/v1/devices/MH-0001/telemetry')).toBe(true);
    expect(mayPublish('MH-0001', 'wendu/v1/devices/MH-0002/telemetry')).toBe(false);
    expect(mayPublish('MH-0001', 'wendu/v1/devices/MH-0001/commands')).toBe(false);
  });
});
