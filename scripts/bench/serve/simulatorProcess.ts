// The sensor simulator as its own process (`scripts/simulateSensors.ts`), so the load tool's event
// loop measures the server's answers and nothing else: 136 MQTT clients publishing in the load
// tool's own process delayed the reading of its answers by a few milliseconds now and then, which
// showed as the server's p99.
import { spawn } from 'node:child_process';
import type { SimulatorCounts } from '../../simulate/simulator';

export interface SimulatorProcess {
  /** Ends the simulator; what it published and the broker acknowledged (null if it did not say). */
  stop(): Promise<SimulatorCounts | null>;
}

export async function startSimulatorProcess(
  opts: { brokerUrl: string; credentialsPath: string; rate: number },
  log: (m: string) => void,
): Promise<SimulatorProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'scripts/simulateSensors.ts',
      '--broker',
      opts.brokerUrl,
      '--credentials',
      opts.credentialsPath,
      '--rate',
      String(opts.rate),
      '--duration',
      String(7 * 24 * 3600),
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  process.once('exit', () => child.kill('SIGKILL'));
  let out = '';
  let err = '';
  child.stdout!.on('data', (b: Buffer) => {
    out += b.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer) => {
      err += b.toString();
      if (!/devices on /.test(err)) return;
      child.stderr!.off('data', onData);
      child.stderr!.on('data', () => {}); // its progress lines, every 5 s
      resolve();
    };
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`simulator exited (${code}): ${err.slice(-500)}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return {
    async stop() {
      child.kill('SIGTERM');
      const code = await exited;
      const line = out.trim().split('\n').pop() ?? '';
      if (code !== 0 || !line.startsWith('{')) {
        log(`simulator ended with ${code}: ${err.slice(-300)}`);
        return null;
      }
      const { devices, published, acknowledged, failed } = JSON.parse(line) as SimulatorCounts;
      return { devices, published, acknowledged, failed };
    },
  };
}
