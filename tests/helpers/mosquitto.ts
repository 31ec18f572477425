// A real mosquitto (Debian's) for tests: the shipped setup (password file, ACL) on a free loopback
// port, stopped and restarted at will (scripts/mosquitto/run.ts).
export { freePort, MOSQUITTO, type Mosquitto, startMosquitto } from '../../scripts/mosquitto/run';
export const MOSQUITTO_PUB = '/usr/bin/mosquitto_pub';
